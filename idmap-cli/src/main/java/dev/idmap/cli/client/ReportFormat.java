package dev.idmap.cli.client;

import java.nio.file.Path;

/** Which report of a job. */
public enum ReportFormat {
    COMPATIBLE,
    DETAILED;

    Path defaultFile(String jobId) {
        return Path.of(this == COMPATIBLE ? "id-mapping-" + jobId + ".csv" : "id-mapping-detailed-" + jobId + ".csv");
    }
}
