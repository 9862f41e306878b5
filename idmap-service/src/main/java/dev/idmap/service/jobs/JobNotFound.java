package dev.idmap.service.jobs;

/** No job with this id that the caller may see (unknown, expired, or another caller's). */
public final class JobNotFound extends RuntimeException {
    private final String jobId;

    public JobNotFound(String jobId) {
        super("no visible job " + jobId);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
