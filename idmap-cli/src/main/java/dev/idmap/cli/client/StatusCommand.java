package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code idmap status JOB [--watch]}: a job's status, or its progress until it ends. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Prints a job's status; with --watch follows it until it ends (exit 3 if it ends in ERROR).")
public final class StatusCommand extends ClientCommand {

    @Parameters(paramLabel = "JOB", description = "the job id")
    String jobId;

    @Option(names = "--watch", description = "follow the job until it ends")
    boolean watch;

    @Mixin
    WaitOptions waiting;

    public StatusCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) throws InterruptedException {
        var job = client.status(jobId);
        if (watch) {
            job = waiting.watch(client, out(), environment.terminal() && !json, environment.clock())
                    .until(job);
        }
        if (json) {
            printJson(job.body());
        } else if (!watch) {
            out().println(job.jobId() + " " + job.status() + (job.phase().isEmpty() ? "" : " " + job.phase())
                    + (job.percent() >= 0 ? " " + job.percent() + "%" : ""));
            out().flush();
        }
        if (job.finished() && !"SUCCESS".equals(job.status())) {
            err().println("idmap status: job " + job.jobId() + " ended in " + job.status() + ": " + job.errorMessage());
            return ExitCode.JOB_ERROR;
        }
        return ExitCode.OK;
    }
}
