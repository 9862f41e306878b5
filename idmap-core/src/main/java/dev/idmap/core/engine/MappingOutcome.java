package dev.idmap.core.engine;

import dev.idmap.core.report.RunSummary;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files a finished run wrote and what they contain.
 *
 * @param compatibleReport {@code entityType,serverId,cloudId}, matched rows with numeric ids only
 * @param detailedReport one RFC 4180 row per source entity, with status, rule, candidates and reason
 * @param summaryFile the summary as JSON
 * @param summary the counts per status and type, taken once while the reports were written
 * @param requestsPerSite "source"/"destination" → endpoint → requests issued
 */
public record MappingOutcome(
        Path compatibleReport,
        Path detailedReport,
        Path summaryFile,
        RunSummary summary,
        Map<String, Map<String, Long>> requestsPerSite) {}
