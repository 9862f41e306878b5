package dev.idmap.core.engine;

import dev.idmap.core.crawl.NotAvailable;
import java.nio.file.Path;
import java.util.List;
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
 * @param notAvailable the entity types a site did not offer: everything else was mapped (empty when all were)
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
        Map<String, Map<String, Long>> requestsPerSite,
        List<NotAvailable> notAvailable) {

    public MappingOutcome {
        notAvailable = List.copyOf(notAvailable);
    }

    /** One line per type a site did not offer, for a person to read. */
    public List<String> warnings() {
        return notAvailable.stream().map(NotAvailable::message).toList();
    }
}
