package dev.idmap.sim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The size of a generated scenario: a named base ({@code small}, {@code medium}, {@code large}) whose knob values each
 * product defines, plus overrides of single knobs, e.g. {@code small,projects=4,issuesPerProject=250000}. Unknown
 * knob names are refused by the product.
 */
public record SimScale(String base, Map<String, Long> overrides) {

    public static final SimScale SMALL = new SimScale("small", Map.of());
    public static final SimScale MEDIUM = new SimScale("medium", Map.of());
    public static final SimScale LARGE = new SimScale("large", Map.of());

    public SimScale {
        if (!base.equals("small") && !base.equals("medium") && !base.equals("large")) {
            throw new IllegalArgumentException("scale must be small, medium or large, not " + base);
        }
        overrides = Map.copyOf(overrides);
    }

    public SimScale with(String knob, long value) {
        var copy = new LinkedHashMap<>(overrides);
        copy.put(knob, value);
        return new SimScale(base, copy);
    }

    public long knob(String name, long baseValue) {
        return overrides.getOrDefault(name, baseValue);
    }

    /** Parses {@code small}, {@code large}, {@code medium,users=50} or {@code projects=3,issuesPerProject=10}. */
    public static SimScale parse(String text) {
        String base = "small";
        var overrides = new LinkedHashMap<String, Long>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                base = item.toLowerCase(Locale.ROOT);
                continue;
            }
            try {
                overrides.put(
                        item.substring(0, eq).trim(),
                        Long.parseLong(item.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("knob " + item + " needs a whole number", e);
            }
        }
        return new SimScale(base, overrides);
    }
}
