package dev.idmap.connectors.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One answer of a site: its status, its JSON body ({@link JsonNode#isMissingNode() missing} when the body was
 * not JSON), the headers that say how long to wait, and the request it answers ({@code GET path?query}, relative to
 * the site's base URL, for messages).
 */
public record JsonResponse(
        int status, JsonNode body, String retryAfter, String rateLimitReset, String rawStart, String request) {

    private static final DateTimeFormatter RESET_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmX");

    /**
     * The answer, its body parsed as it is read; when it is a success and {@code items} is given (null: none), the
     * items of that member are handed on as they are parsed instead of kept in the body's tree.
     *
     * @throws IOException when the connection fails while the body is read
     */
    static JsonResponse read(String request, int status, HttpHeaders headers, InputStream body, StreamedItems items)
            throws IOException {
        var start = new StartOfBody(body);
        var streamed = status / 100 == 2 ? items : null;
        if (streamed != null) {
            streamed.startAnswer();
        }
        var tree = AnswerJson.read(start, streamed);
        return new JsonResponse(
                status,
                tree,
                headers.firstValue("Retry-After").orElse(null),
                headers.firstValue("X-RateLimit-Reset").orElse(null),
                start.text(),
                request);
    }

    /** The first {@value #LENGTH} bytes that pass through, kept for the message about a body that is not JSON. */
    private static final class StartOfBody extends FilterInputStream {

        private static final int LENGTH = 200;
        private final byte[] start = new byte[LENGTH];
        private int kept;

        StartOfBody(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && kept < LENGTH) {
                start[kept++] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && kept < LENGTH) {
                int copied = Math.min(n, LENGTH - kept);
                System.arraycopy(buffer, offset, start, kept, copied);
                kept += copied;
            }
            return n;
        }

        String text() {
            return new String(start, 0, kept, StandardCharsets.UTF_8);
        }
    }

    /** The wait the site asked for: {@code Retry-After} seconds, else until {@code X-RateLimit-Reset}. */
    public Optional<Duration> waitAskedFor(InstantSource clock) {
        if (retryAfter != null) {
            try {
                var seconds = Double.parseDouble(retryAfter.trim());
                return Optional.of(Duration.ofMillis((long) Math.max(0, seconds * 1000)));
            } catch (NumberFormatException ignored) {
                // an HTTP-date is allowed by RFC 9110 but Atlassian documents seconds; fall through to the reset
            }
        }
        if (rateLimitReset != null) {
            return resetInstant(rateLimitReset.trim()).map(reset -> {
                var wait = Duration.between(clock.instant(), reset);
                return wait.isNegative() ? Duration.ZERO : wait;
            });
        }
        return Optional.empty();
    }

    private static Optional<Instant> resetInstant(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(value, RESET_MINUTES).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * Atlassian's own error text: Jira's {@code errorMessages[]} and {@code errors{field: message}}, the migration
     * and Confluence {@code message}/{@code errorMessage}, else the start of a non-JSON body (e.g. the DC
     * "Search limit exceeded" page).
     */
    public String atlassianMessage() {
        var parts = new ArrayList<String>();
        if (body.isObject()) {
            body.path("errorMessages").forEach(m -> parts.add(m.asString()));
            body.path("errors")
                    .properties()
                    .forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asString()));
            for (var field : new String[] {"errorMessage", "message"}) {
                if (body.path(field).isString()) {
                    parts.add(body.path(field).asString());
                }
            }
        } else if (body.isMissingNode() && rawStart != null && !rawStart.isBlank()) {
            parts.add(rawStart.strip().replaceAll("\\s+", " "));
        }
        return String.join("; ", parts);
    }
}
