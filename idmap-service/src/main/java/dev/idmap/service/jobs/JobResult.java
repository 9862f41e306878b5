package dev.idmap.service.jobs;

import dev.idmap.core.crawl.NotAvailable;
import java.util.List;
import java.util.Map;

/**
 * What a finished job produced.
 *
 * @param rows source entities in the detailed report
 * @param matched rows with a mapping
 * @param unmatched rows without a counterpart
 * @param ambiguous rows with several candidates
 * @param countsPerType namespace → status → count
 * @param sizeBytes size of the compatible report ({@code entityType,serverId,cloudId})
 * @param sha256 SHA-256 of the compatible report, hex
 * @param detailedSizeBytes size of the detailed report
 * @param detailedSha256 SHA-256 of the detailed report, hex
 * @param warnings the entity types a site did not offer (everything else was mapped); empty when none
 */
public record JobResult(
        long rows,
        long matched,
        long unmatched,
        long ambiguous,
        Map<String, Map<String, Long>> countsPerType,
        long sizeBytes,
        String sha256,
        long detailedSizeBytes,
        String detailedSha256,
        List<Warning> warnings) {

    public JobResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * An entity type one site did not offer.
     *
     * @param side {@code SOURCE} or {@code DESTINATION}
     * @param entityType its namespace
     * @param container the project or space key when one container's listing was refused, else null
     * @param request the request the site refused, relative to its base URL
     * @param answer the site's answer
     * @param message one line saying all of it and what it means for the reports
     */
    public record Warning(
            String side, String entityType, String container, String request, String answer, String message) {

        public static Warning of(NotAvailable missing) {
            return new Warning(
                    missing.side().name(),
                    missing.type().namespace(),
                    missing.containerKey(),
                    missing.request(),
                    missing.answer(),
                    missing.message());
        }
    }
}
