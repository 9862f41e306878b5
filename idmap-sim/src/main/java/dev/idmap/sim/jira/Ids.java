package dev.idmap.sim.jira;

import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic derivation helpers: hashes of (seed, ...) and Cloud-looking identifiers. */
final class Ids {

    private Ids() {}

    /** SplitMix64's finaliser over the combined inputs: a well-spread, stable hash. */
    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static int pick(long hash, int shift, int bound) {
        return (int) Long.remainderUnsigned(hash >>> shift, bound);
    }

    /** Either the classic 24-character form ({@code 5b10a2844c20165700ede21g}) or {@code 712020:<uuid>}. */
    static String accountId(SplittableRandom random, boolean newStyle) {
        if (newStyle) {
            return "712020:" + uuid(random);
        }
        var id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        return id.toString();
    }

    static String uuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    static String hex(SplittableRandom random, int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(Character.forDigit(random.nextInt(16), 16));
        }
        return text.toString();
    }
}
