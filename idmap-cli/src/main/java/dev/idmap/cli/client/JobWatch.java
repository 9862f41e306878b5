package dev.idmap.cli.client;

import dev.idmap.cli.CommandFailure;
import dev.idmap.cli.ExitCode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Polls a job until it ends, showing its progress: on a terminal a live bar (phase, percent, entities, elapsed),
 * otherwise one plain line per change. Gives up after the timeout with {@link ExitCode#TIMED_OUT}.
 */
final class JobWatch {

    private final IdmapClient client;
    private final PrintWriter out;
    private final boolean terminal;
    private final Clock clock;
    private final Duration interval;
    private final Duration timeout;

    JobWatch(IdmapClient client, PrintWriter out, boolean terminal, Clock clock, Duration interval, Duration timeout) {
        this.client = client;
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.interval = interval;
        this.timeout = timeout;
    }

    JobStatus until(JobStatus job) throws InterruptedException {
        var started = clock.instant();
        try (var display = terminal ? new Bar(out) : null) {
            String last = "";
            while (true) {
                var line = line(job);
                if (display != null) {
                    display.show(job);
                } else if (!line.equals(last)) {
                    out.println(line);
                    out.flush();
                    last = line;
                }
                if (job.finished()) {
                    return job;
                }
                Thread.sleep(interval.toMillis());
                // checked after the wait, so that the answer does not depend on how fast the first poll was
                if (Duration.between(started, clock.instant()).compareTo(timeout) >= 0) {
                    throw new CommandFailure(
                            ExitCode.TIMED_OUT,
                            "gave up waiting for job " + job.jobId() + " after " + timeout.toSeconds() + " s (it is "
                                    + job.status() + "; idmap status " + job.jobId() + " --watch goes on watching)");
                }
                job = client.status(job.jobId());
            }
        }
    }

    /** {@code IN_PROGRESS CRAWL 37% 1204 entities}; elapsed only on the bar, so that a line changes with the job. */
    private static String line(JobStatus job) {
        var percent = job.percent() >= 0 ? " " + job.percent() + "%" : "";
        var entities = job.entitiesProcessed() > 0 ? " " + job.entitiesProcessed() + " entities" : "";
        return job.jobId() + " " + job.status() + (job.phase().isEmpty() ? "" : " " + job.phase()) + percent + entities;
    }

    /** The live bar, drawn on the command's output with carriage returns. */
    private static final class Bar implements AutoCloseable {
        private final ProgressBar bar;

        Bar(PrintWriter out) {
            this.bar = new ProgressBarBuilder()
                    .setTaskName("mapping")
                    .setInitialMax(100)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                            new java.io.PrintStream(new WriterStream(out), true)))
                    .setUpdateIntervalMillis(200)
                    .build();
        }

        void show(JobStatus job) {
            bar.stepTo(Math.max(0, job.percent()));
            bar.setExtraMessage(job.phase() + " · " + job.entitiesProcessed() + " entities");
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Bytes to the command's writer, so the bar goes where the rest of the output goes. */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter out;

        WriterStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.write(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
