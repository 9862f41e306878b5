package dev.idmap.core.storage;

/** The staging database refused an operation; the message says which. */
public class StagingFailure extends RuntimeException {
    public StagingFailure(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
