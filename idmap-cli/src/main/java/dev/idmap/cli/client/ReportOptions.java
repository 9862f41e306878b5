package dev.idmap.cli.client;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which report of a finished job to fetch, and where to write it: shared by {@code download} and {@code run}. */
public final class ReportOptions {

    @Option(
            names = "--format",
            defaultValue = "compatible",
            description = "compatible (entityType,serverId,cloudId) or detailed (default: ${DEFAULT-VALUE})")
    ReportFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "where to write the report (default: id-mapping-JOB.csv or id-mapping-detailed-JOB.csv)")
    Path output;

    boolean detailed() {
        return format == ReportFormat.DETAILED;
    }

    /** Fetches the chosen report of a SUCCESS job through its link, checked against the status's SHA-256. */
    Path fetchVerified(IdmapClient client, JobStatus job) {
        return Downloads.fetchVerified(
                client, job, detailed(), output != null ? output : format.defaultFile(job.jobId()));
    }
}
