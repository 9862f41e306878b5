package dev.idmap.core.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * The files a finished run wrote and what they contain.
 *
 * @param compatibleReport {@code entityType,serverId,cloudId}, matched rows only
 * @param detailedReport one RFC 4180 row per source entity, with status, rule, candidates and reason
 * @param summaryFile the summary as JSON
 * @param rows rows in the detailed report (source entities)
 * @param matched rows with status MATCHED
 * @param unmatched rows with status UNMATCHED
 * @param ambiguous rows with status AMBIGUOUS
 * @param countsPerType namespace → status → count
 * @param requestsPerSite "source"/"destination" → endpoint → requests issued
 */
public record MappingOutcome(
        Path compatibleReport,
        Path detailedReport,
        Path summaryFile,
        long rows,
        long matched,
        long unmatched,
        long ambiguous,
        Map<String, Map<String, Long>> countsPerType,
        Map<String, Map<String, Long>> requestsPerSite) {}
