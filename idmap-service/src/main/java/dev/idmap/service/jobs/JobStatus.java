package dev.idmap.service.jobs;

/** The four statuses of Atlassian's Id Mapping API. SUCCESS and ERROR are final. */
public enum JobStatus {
    /** Job is queued but not yet started. */
    PENDING,
    /** Job is actively generating the mapping report. */
    IN_PROGRESS,
    /** Job completed successfully - report is ready. */
    SUCCESS,
    /** Report generation failed - retry or contact support. */
    ERROR;

    public boolean active() {
        return this == PENDING || this == IN_PROGRESS;
    }
}
