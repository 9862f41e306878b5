package dev.idmap.cli.bench;

import java.util.List;
import java.util.Locale;

/** The median of some runs' figures, with their minimum and maximum. */
record Stats(double median, double min, double max, int runs) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(median, sorted.getFirst(), sorted.getLast(), n);
    }

    /** {@code 84.1 (80.2–90.3)}, or just the figure for a single run. */
    String format(String pattern) {
        if (runs == 0) {
            return "—";
        }
        var m = String.format(Locale.ROOT, pattern, median);
        return runs == 1
                ? m + " (1 run)"
                : m + " (" + String.format(Locale.ROOT, pattern, min) + "–" + String.format(Locale.ROOT, pattern, max)
                        + ")";
    }
}
