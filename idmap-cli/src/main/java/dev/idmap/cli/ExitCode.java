package dev.idmap.cli;

/** The documented exit codes of every idmap command (README "Commands"). */
public enum ExitCode {
    OK(0),
    /** The work failed: an unreadable file, a crawl that failed. */
    FAILED(1),
    /** Bad usage: a missing or wrong option; the message names it. */
    USAGE(2),
    /** The mapping job ended in ERROR; its message is printed. */
    JOB_ERROR(3),
    /** The service cannot be reached or refused the credentials. */
    UNREACHABLE(4),
    /** Gave up waiting ({@code --timeout}). */
    TIMED_OUT(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
