package dev.idmap.service.console;

import dev.idmap.core.model.Product;
import dev.idmap.service.jobs.Job;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.JobStatus;
import dev.idmap.service.security.Caller;

/** The jobs a signed-in caller may see, through the service's job queue (its own jobs; an admin's: all). */
final class ConsoleJobs {

    private final JobQueue queue;

    ConsoleJobs(JobQueue queue) {
        this.queue = queue;
    }

    /** Thrown for a job that does not exist, has expired or is someone else's: the same answer for all three. */
    static final class JobNotVisible extends RuntimeException {
        JobNotVisible(String jobId) {
            super("Job " + jobId + " was not found. The job ID may be incorrect or expired.");
        }
    }

    Job visible(Caller caller, String jobId) {
        return queue.find(caller, jobId).orElseThrow(() -> new JobNotVisible(jobId));
    }

    /** A job whose report can be read: SUCCESS and not expired. */
    boolean reportAvailable(Job job) {
        return job.status() == JobStatus.SUCCESS && !queue.reportExpired(job);
    }

    JobQueue.Page page(Caller caller, int number, int size) {
        return queue.list(caller, null, number * size, size);
    }

    java.util.List<Job> withReports(Caller caller, int limit) {
        return queue.list(caller, JobStatus.SUCCESS, 0, limit).jobs().stream()
                .filter(job -> !queue.expired(job))
                .filter(this::reportAvailable)
                .toList();
    }

    JobQueue.Triggered trigger(Caller caller, Product product, String sourceUrl, String destinationUrl) {
        return queue.trigger(caller, product, sourceUrl, destinationUrl);
    }

    Job cancel(Caller caller, Job job) {
        return queue.cancel(caller, job);
    }
}
