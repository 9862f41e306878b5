package dev.idmap.cli.client;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a command that follows a job until it ends polls it, and when it gives up (exit 5). */
public final class WaitOptions {

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = Durations.class,
            defaultValue = "2h",
            description = "give up waiting after this long, e.g. 30s, 10m, 1h (exit 5; default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = Durations.class,
            defaultValue = "1s",
            description = "poll the status this often while waiting (default: ${DEFAULT-VALUE})")
    Duration interval;

    /** A watch of a job's progress on {@code out}: a live bar on a terminal, else one plain line per change. */
    JobWatch watch(IdmapClient client, PrintWriter out, boolean terminal, Clock clock) {
        return new JobWatch(client, out, terminal, clock, interval, timeout);
    }
}
