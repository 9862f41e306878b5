package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code idmap download JOB}: the report through its download link, checked against the status's SHA-256. */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        description = "Downloads a finished job's report through its link and checks its SHA-256 against the status.")
public final class DownloadCommand extends ClientCommand {

    @Parameters(paramLabel = "JOB", description = "the job id")
    String jobId;

    @Mixin
    ReportOptions report;

    public DownloadCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) {
        var job = client.status(jobId);
        var written = report.fetchVerified(client, job);
        out().println(written + " (SHA-256 " + job.sha256(report.detailed()) + " verified)");
        out().flush();
        return ExitCode.OK;
    }
}
