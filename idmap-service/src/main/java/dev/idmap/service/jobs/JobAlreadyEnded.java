package dev.idmap.service.jobs;

/** A cancel of a job that has already ended. */
public final class JobAlreadyEnded extends RuntimeException {
    public JobAlreadyEnded(Job job) {
        super("Job " + job.jobId() + " has already ended with status " + job.status()
                + "; only PENDING or IN_PROGRESS jobs can be cancelled.");
    }
}
