package dev.idmap.core.report;

import dev.idmap.core.match.MatchStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run decided, counted once while its reports are written and carried as this one value to whoever shows
 * it (the summary file, the command line, the job status).
 *
 * @param rows rows in the detailed report (source entities)
 * @param matched rows with status MATCHED
 * @param unmatched rows with status UNMATCHED
 * @param ambiguous rows with status AMBIGUOUS
 * @param countsPerType namespace → status → rows, types in table order, every status present
 */
public record RunSummary(
        long rows, long matched, long unmatched, long ambiguous, Map<String, Map<MatchStatus, Long>> countsPerType) {

    public RunSummary {
        var copy = new LinkedHashMap<String, Map<MatchStatus, Long>>();
        countsPerType.forEach((type, counts) -> copy.put(type, Collections.unmodifiableMap(new EnumMap<>(counts))));
        countsPerType = Collections.unmodifiableMap(copy);
    }

    /** Counts rows per type and status; {@link #summary()} gives the totals. */
    public static final class Counter {
        private final Map<String, Map<MatchStatus, Long>> counts = new LinkedHashMap<>();

        /** A type that is reported, with zero counts until rows arrive. */
        public Counter expect(String namespace) {
            counts.computeIfAbsent(namespace, t -> zeros());
            return this;
        }

        public void count(String namespace, MatchStatus status) {
            counts.computeIfAbsent(namespace, t -> zeros()).merge(status, 1L, Long::sum);
        }

        public RunSummary summary() {
            long matched = total(MatchStatus.MATCHED);
            long ambiguous = total(MatchStatus.AMBIGUOUS);
            long unmatched = total(MatchStatus.UNMATCHED);
            return new RunSummary(matched + ambiguous + unmatched, matched, unmatched, ambiguous, counts);
        }

        private long total(MatchStatus status) {
            return counts.values().stream().mapToLong(m -> m.get(status)).sum();
        }

        private static Map<MatchStatus, Long> zeros() {
            var zeros = new EnumMap<MatchStatus, Long>(MatchStatus.class);
            for (var status : MatchStatus.values()) {
                zeros.put(status, 0L);
            }
            return zeros;
        }
    }
}
