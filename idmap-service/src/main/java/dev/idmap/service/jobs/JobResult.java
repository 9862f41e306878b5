package dev.idmap.service.jobs;

import dev.idmap.core.report.RunSummary;

/**
 * What a finished job produced.
 *
 * @param summary the engine's counts, as the engine produced them
 * @param compatibleReport {@code entityType,serverId,cloudId}
 * @param detailedReport one row per source entity
 */
public record JobResult(RunSummary summary, ReportFile compatibleReport, ReportFile detailedReport) {

    /** A stored report file. */
    public record ReportFile(long sizeBytes, String sha256) {}
}
