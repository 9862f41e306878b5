package dev.idmap.sim;

import dev.idmap.sim.http.RateLimit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: {@code --product JIRA|CONFLUENCE --seed N --scale small|medium|large|<knobs>
 * [--latency-ms N] [--rate-limit BURST[/PER_SECOND]] [--fault-rate F] [--output DIR]}. Starts both sites, prints
 * their base URLs, credentials and the ground-truth path, and serves until the process is stopped. Exit codes: 0 after
 * a stop signal, 2 for bad arguments.
 */
public final class SimMain {

    private SimMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        SimConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("idmap sim: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        var stopped = new CountDownLatch(1);
        var closed = new CountDownLatch(1);
        try (SimulatedMigration sim = Simulator.start(config)) {
            // on SIGTERM/SIGINT the JVM halts once its hooks return: wait until the sites are closed and the temporary
            // ground truth is deleted
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            describe(sim, config, System.out);
            stopped.await();
        } finally {
            closed.countDown();
        }
    }

    static String usage() {
        return "usage: sim --product JIRA|CONFLUENCE [--seed N] [--scale small|medium|large|<base>,knob=value,...]"
                + " [--latency-ms N] [--rate-limit BURST[/PER_SECOND]] [--fault-rate 0..1] [--output DIR]"
                + " [--without FEATURE,...] (features: "
                + java.util.Arrays.stream(SimFeature.values())
                        .map(Enum::name)
                        .collect(java.util.stream.Collectors.joining(", "))
                + ")";
    }

    static SimConfig parse(String[] args) {
        SimProduct product = null;
        var builder = new Object() {
            long seed = 42;
            SimScale scale = SimScale.SMALL;
            Duration latency = Duration.ZERO;
            RateLimit rateLimit;
            double faultRate;
            Path output;
            java.util.List<SimFeature> without = new java.util.ArrayList<>();
        };
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--product" -> product = SimProduct.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--seed" -> builder.seed = Long.parseLong(value);
                    case "--scale" -> builder.scale = SimScale.parse(value);
                    case "--latency-ms" -> builder.latency = Duration.ofMillis(Long.parseLong(value));
                    case "--rate-limit" -> builder.rateLimit = rateLimit(value);
                    case "--fault-rate" -> builder.faultRate = Double.parseDouble(value);
                    case "--output" -> builder.output = Path.of(value);
                    case "--without" -> {
                        for (var name : value.split(",")) {
                            builder.without.add(SimFeature.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
            }
        }
        if (product == null) {
            throw new IllegalArgumentException("--product is required");
        }
        var config = SimConfig.builder(product)
                .seed(builder.seed)
                .scale(builder.scale)
                .latency(builder.latency)
                .faultRate(builder.faultRate)
                .without(builder.without.toArray(SimFeature[]::new));
        if (builder.rateLimit != null) {
            config.rateLimit(builder.rateLimit);
        }
        if (builder.output != null) {
            config.outputDirectory(builder.output);
        }
        return config.build();
    }

    /** {@code 10} (burst 10, refilled 10 a second) or {@code 10/2.5}. */
    static RateLimit rateLimit(String text) {
        int slash = text.indexOf('/');
        int burst = Integer.parseInt(slash < 0 ? text : text.substring(0, slash));
        double perSecond = slash < 0 ? burst : Double.parseDouble(text.substring(slash + 1));
        return new RateLimit(burst, perSecond);
    }

    static void describe(SimulatedMigration sim, SimConfig config, PrintStream out) {
        out.println("idmap simulator: " + config.product() + ", seed " + config.seed() + ", scale " + config.scale());
        out.println("source (Data Center):  " + sim.sourceBaseUrl());
        out.println("  username:            " + sim.sourceCredentials().login());
        out.println("  password:            " + sim.sourceCredentials().secret());
        out.println("  personal access token: "
                + sim.sourceCredentials().personalAccessToken().orElse(""));
        out.println("destination (Cloud):   " + sim.destinationBaseUrl());
        out.println("  email:               " + sim.destinationCredentials().login());
        out.println("  API token:           " + sim.destinationCredentials().secret());
        out.println("ground truth:          " + sim.groundTruthCsv()
                + (config.outputDirectory().isEmpty()
                        ? " (temporary: deleted on stop; keep it with --output DIR)"
                        : ""));
        out.println("request counts:        " + sim.site(SimSite.SOURCE).rootUrl() + "/__admin/requests, "
                + sim.site(SimSite.DESTINATION).rootUrl() + "/__admin/requests");
        out.println("serving until stopped (Ctrl+C)");
        out.flush();
    }
}
