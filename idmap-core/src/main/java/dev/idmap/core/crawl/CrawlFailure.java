package dev.idmap.core.crawl;

import java.util.Optional;

/**
 * A crawl that cannot go on: the message names the site, the endpoint, the HTTP status and Atlassian's own
 * error message, and says what to fix. Never contains credentials.
 */
public class CrawlFailure extends RuntimeException {

    private final Kind kind;
    private final Exchange exchange;

    public enum Kind {
        /** Wrong credentials (401). */
        AUTHENTICATION,
        /** Missing permission (403). */
        PERMISSION,
        /** The site does not offer the endpoint (404 on a listing): an older version, or an app not installed. */
        NOT_OFFERED,
        /** Retries exhausted on 429/5xx/dropped connections. */
        UNAVAILABLE,
        /** The site cannot be reached at all (refused, unknown host, TLS): retrying will not help. */
        UNREACHABLE,
        /** Anything else the site answered that the crawler cannot use. */
        UNEXPECTED
    }

    /**
     * The request and the site's answer that made the crawl fail, as an administrator can repeat it.
     *
     * @param endpoint the kind of request, e.g. {@code GET /rest/agile/1.0/board/{boardId}/configuration}: what the
     *     requests for different items of one listing have in common
     * @param request e.g. {@code GET /rest/agile/1.0/board?startAt=0&maxResults=1000}, relative to the site's base URL
     * @param status the HTTP status
     * @param message Atlassian's own message from the answer's body, empty when it had none
     */
    public record Exchange(String endpoint, String request, int status, String message) {
        /** e.g. {@code HTTP 404 (No endpoint GET /rest/agile/1.0/board)}. */
        public String answer() {
            return "HTTP " + status + (message.isEmpty() ? "" : " (" + message + ")");
        }
    }

    public CrawlFailure(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public CrawlFailure(Kind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public CrawlFailure(Kind kind, String message, Exchange exchange) {
        this(kind, message, exchange, null);
    }

    private CrawlFailure(Kind kind, String message, Exchange exchange, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exchange = exchange;
    }

    public Kind kind() {
        return kind;
    }

    /** The request and answer behind a failure the site answered; empty for failures without an answer. */
    public Optional<Exchange> exchange() {
        return Optional.ofNullable(exchange);
    }
}
