package dev.idmap.service.jobs;

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
        String detailedSha256) {}
