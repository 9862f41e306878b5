package dev.idmap.service.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error page, replaced: what the container refuses before the application sees it (a malformed request
 * line or header, an encoded {@code /}, {@code \} or NUL in the path, an unknown method, an oversized request line or
 * header block) is answered in the API's envelope {@code {status, errorMessage, id}} with {@code X-Request-Id}, like
 * every other answer. Installed on the host by {@link TomcatErrors}.
 */
public final class EnvelopeErrorValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        if (status == 400 && tooLarge(throwable)) {
            // Tomcat says 400 for both; the request line was parsed when it was the headers that did not fit
            var uri = request.getCoyoteRequest().requestURI();
            status = uri.isNull() || uri.getLength() == 0 ? 414 : 431;
            response.setStatus(status);
        }
        var ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        var id = response.getHeader(RequestIds.HEADER);
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        try {
            response.resetBuffer();
            response.setHeader(RequestIds.HEADER, id);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            var body = JSON.writeValueAsBytes(new ErrorEnvelope(status, message(status), null, id));
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone: nothing more can be said to the client
        }
    }

    /** Tomcat's own words ({@code iib.requestheadertoolarge.error}) when the request line + headers pass the limit. */
    private static boolean tooLarge(Throwable throwable) {
        return throwable instanceof IllegalArgumentException
                && throwable.getMessage() != null
                && throwable.getMessage().contains("Request header is too large");
    }

    /** One line per status the container raises by itself, saying what to fix. */
    public static String message(int status) {
        return switch (status) {
            case 400 ->
                "Bad request: the request line, a header or the URL is malformed (encoded '/', '\\' or NUL characters,"
                        + " control characters or an invalid Host are refused).";
            case 404 -> "No such endpoint. The API is described at /v3/api-docs.";
            case 405 -> "Method not allowed on this path.";
            case 408 -> "Request timeout: the request was not received in time.";
            case 411 -> "Length required: send Content-Length or a chunked body.";
            case 413 -> "Request too large.";
            case 414 -> "URI too long: the request line is limited to 8 KB; send long ID lists with POST …/mappings.";
            case 417 -> "Expectation failed: only 'Expect: 100-continue' is supported.";
            case 431 -> "Request header fields too large: all headers together are limited to 8 KB.";
            case 501 -> "Not implemented: this method or transfer coding is not supported.";
            case 505 -> "HTTP version not supported: use HTTP/1.1.";
            default -> status >= 500 ? ApiException.INTERNAL_SERVER_ERROR : "Request refused (HTTP " + status + ").";
        };
    }
}
