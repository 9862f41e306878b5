package dev.idmap.service.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope straight to a response, for filters that answer before Spring MVC. */
public final class ErrorWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ErrorWriter() {}

    public static void write(
            HttpServletRequest request, HttpServletResponse response, int status, String message, List<String> errors)
            throws IOException {
        response.setStatus(status);
        response.setHeader(RequestIds.HEADER, RequestIds.of(request));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream()
                .write(JSON.writeValueAsBytes(new ErrorEnvelope(status, message, errors, RequestIds.of(request))));
    }
}
