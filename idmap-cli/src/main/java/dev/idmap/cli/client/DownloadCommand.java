package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idmap download JOB}: the report through its download link, checked against the status's SHA-256. */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        description = "Downloads a finished job's report through its link and checks its SHA-256 against the status.")
public final class DownloadCommand extends ClientCommand {

    @Parameters(paramLabel = "JOB", description = "the job id")
    String jobId;

    @Option(
            names = "--format",
            defaultValue = "compatible",
            description = "compatible (entityType,serverId,cloudId) or detailed (default: ${DEFAULT-VALUE})")
    ReportFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "where to write it (default: id-mapping-JOB.csv or id-mapping-detailed-JOB.csv)")
    Path output;

    public DownloadCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) {
        var job = client.status(jobId);
        var file = output != null ? output : format.defaultFile(jobId);
        var written = Downloads.fetchVerified(client, job, format == ReportFormat.DETAILED, file);
        out().println(written + " (SHA-256 " + job.sha256(format == ReportFormat.DETAILED) + " verified)");
        out().flush();
        return ExitCode.OK;
    }
}
