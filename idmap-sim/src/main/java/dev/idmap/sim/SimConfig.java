package dev.idmap.sim;

import dev.idmap.sim.http.OperatingConditions;
import dev.idmap.sim.http.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to simulate: the product, the seed everything is derived from, the scale, the operating conditions of both
 * sites, where to write the ground truth (a fresh temporary directory when empty), and the API features the sites
 * lack ({@link SimFeature}; none by default). Switching a feature off changes what the sites serve, never the
 * migration or its ground truth.
 */
public record SimConfig(
        SimProduct product,
        long seed,
        SimScale scale,
        Duration latency,
        Optional<RateLimit> rateLimit,
        double faultRate,
        Optional<Path> outputDirectory,
        Set<SimFeature> switchedOff) {

    public SimConfig {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("faultRate must be within [0, 1]");
        }
        switchedOff = Set.copyOf(switchedOff);
        for (var feature : switchedOff) {
            if (feature.product() != product) {
                throw new IllegalArgumentException(feature + " is a " + feature.product() + " feature, not " + product);
            }
        }
    }

    /** Whether the sites offer this feature (all do unless switched off). */
    public boolean offers(SimFeature feature) {
        return !switchedOff.contains(feature);
    }

    /** The route prefixes one site lacks: those of the features switched off on it. */
    public List<String> routesSwitchedOff(SimSite site) {
        return switchedOff.stream()
                .filter(f -> f.site() == site)
                .flatMap(f -> f.routePrefix().stream())
                .sorted()
                .toList();
    }

    /** The default test scenario of a product: seed 42, SMALL, no latency, no limit, no faults. */
    public static SimConfig defaults(SimProduct product) {
        return builder(product).build();
    }

    public static Builder builder(SimProduct product) {
        return new Builder(product);
    }

    /** The operating conditions of one site; faults are seeded per site so both sites do not fail in lockstep. */
    public OperatingConditions conditions(SimSite site) {
        return new OperatingConditions(latency, rateLimit, faultRate, seed * 31 + site.ordinal());
    }

    public static final class Builder {
        private final SimProduct product;
        private long seed = 42;
        private SimScale scale = SimScale.SMALL;
        private Duration latency = Duration.ZERO;
        private Optional<RateLimit> rateLimit = Optional.empty();
        private double faultRate;
        private Optional<Path> outputDirectory = Optional.empty();
        private final Set<SimFeature> switchedOff = EnumSet.noneOf(SimFeature.class);

        private Builder(SimProduct product) {
            this.product = product;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder scale(SimScale value) {
            this.scale = value;
            return this;
        }

        public Builder latency(Duration value) {
            this.latency = value;
            return this;
        }

        public Builder rateLimit(RateLimit value) {
            this.rateLimit = Optional.of(value);
            return this;
        }

        public Builder faultRate(double value) {
            this.faultRate = value;
            return this;
        }

        public Builder outputDirectory(Path value) {
            this.outputDirectory = Optional.of(value);
            return this;
        }

        /** Sites that lack these API features. */
        public Builder without(SimFeature... features) {
            this.switchedOff.addAll(List.of(features));
            return this;
        }

        public SimConfig build() {
            return new SimConfig(product, seed, scale, latency, rateLimit, faultRate, outputDirectory, switchedOff);
        }
    }
}
