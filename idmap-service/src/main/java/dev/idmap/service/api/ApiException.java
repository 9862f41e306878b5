package dev.idmap.service.api;

import java.util.List;
import java.util.Map;

/**
 * An error answered in the documented envelope {@code {status, errorMessage, errors?, id}}. The factory methods hold
 * the documented message strings; {@link ApiErrors} maps this and every other failure in one place.
 */
public class ApiException extends RuntimeException {

    public static final String VALIDATION_FAILED = "Validation failed";
    public static final String PRODUCT_MUST_BE = "Product must be CONFLUENCE or JIRA";
    public static final String INTERNAL_SERVER_ERROR = "Internal Server Error";
    public static final String REPORT_NOT_AVAILABLE =
            "Report file not available. The report may have been deleted or expired.";

    private final int status;
    private final List<String> errors;
    private final Map<String, String> headers;

    public ApiException(int status, String message, List<String> errors, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ApiException(int status, String message) {
        this(status, message, null, Map.of());
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static String jobNotFoundMessage(String jobId) {
        return "Job not found with ID: " + jobId + ". The job ID may be incorrect or expired.";
    }

    public static ApiException reportNotAvailable() {
        return new ApiException(404, REPORT_NOT_AVAILABLE);
    }

    public static ApiException validation(List<String> errors) {
        return new ApiException(400, VALIDATION_FAILED, errors, Map.of());
    }

    public static ApiException validation(String error) {
        return validation(List.of(error));
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
