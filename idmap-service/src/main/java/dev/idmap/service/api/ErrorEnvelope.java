package dev.idmap.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Atlassian's error body: {@code {status, errorMessage, errors?, id}}; {@code id} is the request id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorEnvelope(int status, String errorMessage, List<String> errors, String id) {}
