package dev.idmap.service.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a job stands, each state with only its own data. {@link #status()} is the documented wire status: a
 * cancelled job is {@code ERROR} on the wire, but stored and known as {@link Cancelled}, never guessed from a
 * message.
 */
public sealed interface JobState {

    /** Accepted, waiting for a worker. */
    record Pending() implements JobState {}

    /** A node works on it. */
    record Running(Instant startedAt, JobProgress progress) implements JobState {
        public Running {
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(progress, "progress");
        }
    }

    /** Finished; its reports and lookups are published. */
    record Succeeded(Instant startedAt, Instant completedAt, JobProgress progress, JobResult result)
            implements JobState {
        public Succeeded {
            Objects.requireNonNull(completedAt, "completedAt");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * Ended without a report.
     *
     * @param startedAt null when it failed before it started
     * @param message what failed and what to do, for the caller
     */
    record Failed(Instant startedAt, Instant completedAt, JobProgress progress, String message) implements JobState {
        public Failed {
            Objects.requireNonNull(completedAt, "completedAt");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Stopped by a caller.
     *
     * @param startedAt null when it was cancelled before it started
     * @param by the caller that cancelled it
     */
    record Cancelled(Instant startedAt, Instant completedAt, JobProgress progress, String by) implements JobState {
        public Cancelled {
            Objects.requireNonNull(completedAt, "completedAt");
            Objects.requireNonNull(by, "by");
        }

        public String message() {
            return "Job was cancelled by " + by + " at " + completedAt + ".";
        }
    }

    /** What the caller is told about a job that ended without a report. */
    default Optional<String> errorMessage() {
        return switch (this) {
            case Failed f -> Optional.of(f.message());
            case Cancelled c -> Optional.of(c.message());
            case Pending p -> Optional.empty();
            case Running r -> Optional.empty();
            case Succeeded s -> Optional.empty();
        };
    }

    default JobStatus status() {
        return switch (this) {
            case Pending p -> JobStatus.PENDING;
            case Running r -> JobStatus.IN_PROGRESS;
            case Succeeded s -> JobStatus.SUCCESS;
            case Failed f -> JobStatus.ERROR;
            case Cancelled c -> JobStatus.ERROR;
        };
    }
}
