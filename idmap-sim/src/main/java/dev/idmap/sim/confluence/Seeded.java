package dev.idmap.sim.confluence;

import java.util.UUID;

/** Pure functions of the seed: every generated value is one of these applied to an entity's coordinates. */
final class Seeded {

    private Seeded() {}

    /** SplitMix64 over the seed and the coordinates: stable, well spread, no state. */
    static long mix(long seed, long... coordinates) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long c : coordinates) {
            h = finish(h + c * 0xBF58476D1CE4E5B9L + 0x9E3779B97F4A7C15L);
        }
        return h;
    }

    /** A non-negative value below {@code bound}. */
    static int below(long hash, int bound) {
        return (int) Long.remainderUnsigned(hash, bound);
    }

    static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        if (text.length() >= digits) {
            return text.substring(text.length() - digits);
        }
        return "0".repeat(digits - text.length()) + text;
    }

    static UUID uuid(long seed, long... coordinates) {
        long high = mix(seed, coordinates);
        long low = mix(high, 7);
        // version 4, IETF variant, as Atlassian's generated ids are
        high = (high & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
