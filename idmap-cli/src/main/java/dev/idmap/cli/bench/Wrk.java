package dev.idmap.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The load generator: {@code wrk} (a Debian package: {@code apt-get install -y wrk}) with a fixed number of
 * connections on two threads, its latency distribution and error counts read from its report.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\n\\s*99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final int connections;
    private final Duration duration;
    private final String authorization;

    Wrk(int connections, Duration duration, String authorization) {
        this.connections = connections;
        this.duration = duration;
        this.authorization = authorization;
    }

    /** Requests per second, the 99th-percentile latency, and every failed request (non-2xx and socket errors). */
    record Result(double requestsPerSecond, double p99Millis, long requests, long errors) {}

    static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version").start().waitFor() >= 0;
        } catch (IOException | InterruptedException missing) {
            return false;
        }
    }

    Result run(URI url) throws IOException, InterruptedException {
        var process = new ProcessBuilder(List.of(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + duration.toSeconds() + "s",
                        "--timeout",
                        "10s",
                        "--latency",
                        "-H",
                        "Authorization: " + authorization,
                        url.toString()))
                .redirectErrorStream(true)
                .start();
        var report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed on " + url.getPath() + ": " + report);
        }
        return parse(report);
    }

    static Result parse(String report) {
        var rate = RATE.matcher(report);
        var p99 = P99.matcher(report);
        var total = TOTAL.matcher(report);
        if (!rate.find() || !p99.find() || !total.find()) {
            throw new IllegalStateException("unreadable wrk report: " + report);
        }
        double p99Millis = switch (p99.group(2)) {
            case "us" -> Double.parseDouble(p99.group(1)) / 1000;
            case "ms" -> Double.parseDouble(p99.group(1));
            default -> Double.parseDouble(p99.group(1)) * 1000;
        };
        long errors = 0;
        var non2xx = NON_2XX.matcher(report);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        var socket = SOCKET.matcher(report);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), p99Millis, Long.parseLong(total.group(1)), errors);
    }
}
