package dev.idmap.core.storage.embedded;

/** The embedded PostgreSQL could not be started; the message is one line naming what to do. */
public final class EmbeddedPostgresFailure extends RuntimeException {

    /** Why it could not start. */
    public enum Kind {
        /** Another idmap process runs the server of this directory. */
        IN_USE,
        /** The server, its binaries or its directory failed; the message names the log or the directory. */
        CANNOT_START
    }

    private final Kind kind;

    EmbeddedPostgresFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
