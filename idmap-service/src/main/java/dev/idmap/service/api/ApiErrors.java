package dev.idmap.service.api;

import dev.idmap.service.jobs.JobAlreadyEnded;
import dev.idmap.service.jobs.JobNotFound;
import dev.idmap.service.jobs.TriggerRateExceeded;
import dev.idmap.service.lookup.Lookups;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become responses: every error, whatever raised it, is answered in the envelope
 * {@code {status, errorMessage, errors?, id}} with the request id, and never with a stack trace.
 */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    static ResponseEntity<ErrorEnvelope> envelope(
            HttpServletRequest request, int status, String message, List<String> errors, HttpHeaders headers) {
        var id = RequestIds.of(request);
        return ResponseEntity.status(status)
                .headers(headers)
                .header(RequestIds.HEADER, id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorEnvelope(status, message, errors, id));
    }

    static ResponseEntity<ErrorEnvelope> envelope(HttpServletRequest request, int status, String message) {
        return envelope(request, status, message, null, HttpHeaders.EMPTY);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorEnvelope> api(ApiException e, HttpServletRequest request) {
        var headers = new HttpHeaders();
        e.headers().forEach(headers::add);
        return envelope(request, e.status(), e.getMessage(), e.errors(), headers);
    }

    @ExceptionHandler(JobNotFound.class)
    ResponseEntity<ErrorEnvelope> jobNotFound(JobNotFound e, HttpServletRequest request) {
        return envelope(request, 404, ApiException.jobNotFoundMessage(e.jobId()));
    }

    @ExceptionHandler(JobAlreadyEnded.class)
    ResponseEntity<ErrorEnvelope> jobAlreadyEnded(JobAlreadyEnded e, HttpServletRequest request) {
        return envelope(request, 409, e.getMessage());
    }

    @ExceptionHandler(TriggerRateExceeded.class)
    ResponseEntity<ErrorEnvelope> tooManyTriggers(TriggerRateExceeded e, HttpServletRequest request) {
        var headers = new HttpHeaders();
        headers.add(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        return envelope(request, 429, e.getMessage(), null, headers);
    }

    /** 400 in the validation envelope; the one error lists the valid entity types of the job's product. */
    @ExceptionHandler(Lookups.UnknownEntityType.class)
    ResponseEntity<ErrorEnvelope> unknownEntityType(Lookups.UnknownEntityType e, HttpServletRequest request) {
        return envelope(request, 400, ApiException.VALIDATION_FAILED, List.of(e.getMessage()), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<ErrorEnvelope> unreadable(Exception e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.TooLarge tooLarge) {
                return envelope(request, 413, tooLarge.getMessage());
            }
        }
        return envelope(
                request,
                400,
                ApiException.VALIDATION_FAILED,
                List.of("Request body could not be read: it must be a JSON object"),
                HttpHeaders.EMPTY);
    }

    @ExceptionHandler(BodySizeLimit.TooLarge.class)
    ResponseEntity<ErrorEnvelope> tooLarge(BodySizeLimit.TooLarge e, HttpServletRequest request) {
        return envelope(request, 413, e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        var headers = new HttpHeaders();
        var allowed = e.getSupportedHttpMethods();
        if (allowed != null) {
            headers.setAllow(allowed);
        }
        var allowedText = allowed == null
                ? ""
                : " Allowed: " + allowed.stream().map(Object::toString).sorted().collect(Collectors.joining(", "))
                        + ".";
        return envelope(
                request,
                405,
                "Method " + e.getMethod() + " is not allowed on " + request.getRequestURI() + "." + allowedText,
                null,
                headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return envelope(request, 415, unsupportedContentType(e.getContentType(), request.getContentType()));
    }

    /** Names what is wrong with the Content-Type: absent, unknown charset, malformed, or another type. */
    static String unsupportedContentType(org.springframework.http.MediaType parsed, String header) {
        var advice = ": send the request body as application/json (UTF-8).";
        if (header == null || header.isBlank()) {
            return "Content-Type is missing" + advice;
        }
        var shown = printable(header);
        var charset = java.util.regex.Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";]*)")
                .matcher(header);
        if (charset.find() && !supportedCharset(charset.group(1).strip())) {
            return "Unsupported Content-Type '" + shown + "': unknown charset '"
                    + printable(charset.group(1).strip()) + "'" + advice;
        }
        if (parsed == null) {
            return "Malformed Content-Type '" + shown + "'" + advice;
        }
        return "Unsupported Content-Type '" + shown + "'" + advice;
    }

    private static boolean supportedCharset(String name) {
        try {
            return java.nio.charset.Charset.isSupported(name);
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return false;
        }
    }

    /** At most 100 characters, control characters replaced: echoing a header must not forge a log line or body. */
    private static String printable(String value) {
        var cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 100 ? cleaned.substring(0, 100) + "…" : cleaned;
    }

    /** The database is unreachable (a restart, an outage): the request can be retried; jobs wait meanwhile. */
    @ExceptionHandler({
        org.springframework.dao.DataAccessResourceFailureException.class,
        org.springframework.dao.TransientDataAccessResourceException.class
    })
    ResponseEntity<ErrorEnvelope> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return envelope(
                request,
                503,
                "Service temporarily unavailable: idmap cannot reach its database. Retry in a few seconds.",
                null,
                headers);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorEnvelope> notAcceptable(HttpServletRequest request) {
        return envelope(request, 406, "Not acceptable: this endpoint answers application/json.");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorEnvelope> noSuchPath(HttpServletRequest request) {
        return envelope(
                request,
                404,
                "No endpoint " + request.getMethod() + " " + request.getRequestURI()
                        + ". The API is described at /v3/api-docs.");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorEnvelope> missingParameter(
            MissingServletRequestParameterException e, HttpServletRequest request) {
        return envelope(
                request,
                400,
                ApiException.VALIDATION_FAILED,
                List.of("Query parameter '" + e.getParameterName() + "' is required"),
                HttpHeaders.EMPTY);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorEnvelope> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return envelope(
                request,
                400,
                ApiException.VALIDATION_FAILED,
                List.of("Parameter '" + e.getName() + "' has an invalid value"),
                HttpHeaders.EMPTY);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorEnvelope> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return envelope(request, 500, ApiException.INTERNAL_SERVER_ERROR);
    }

    /** Errors that never reached a controller (container-level failures) land here, still in the envelope. */
    @io.swagger.v3.oas.annotations.Hidden
    @RestController
    static class ErrorPage implements ErrorController {

        @RequestMapping("/error")
        ResponseEntity<ErrorEnvelope> error(HttpServletRequest request) {
            var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            if (code == null) {
                return envelope(request, 404, "No endpoint " + request.getMethod() + " /error.");
            }
            int status = code instanceof Integer i ? i : 500;
            var exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            if (exception instanceof Throwable t) {
                log.error("failure outside the controllers", t);
            }
            String message = switch (status) {
                case 404 -> "No endpoint " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + ".";
                case 413 -> "Request body too large.";
                case 400 -> "Bad request.";
                default ->
                    status >= 500
                            ? ApiException.INTERNAL_SERVER_ERROR
                            : HttpStatus.valueOf(status).getReasonPhrase();
            };
            return envelope(request, status, message);
        }
    }
}
