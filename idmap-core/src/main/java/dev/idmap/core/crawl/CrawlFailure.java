package dev.idmap.core.crawl;

/**
 * A crawl that cannot go on: the message names the site, the endpoint, the HTTP status and Atlassian's own
 * error message, and says what to fix. Never contains credentials.
 */
public class CrawlFailure extends RuntimeException {

    private final Kind kind;

    public enum Kind {
        /** Wrong credentials (401). */
        AUTHENTICATION,
        /** Missing permission (403). */
        PERMISSION,
        /** Retries exhausted on 429/5xx/dropped connections. */
        UNAVAILABLE,
        /** Anything else the site answered that the crawler cannot use. */
        UNEXPECTED
    }

    public CrawlFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public CrawlFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
