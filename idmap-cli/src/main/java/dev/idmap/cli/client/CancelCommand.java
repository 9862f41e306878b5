package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code idmap cancel JOB}: cancels a PENDING or IN_PROGRESS job. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels a job that has not ended.")
public final class CancelCommand extends ClientCommand {

    @Parameters(paramLabel = "JOB", description = "the job id")
    String jobId;

    public CancelCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) {
        var job = client.cancel(jobId);
        if (json) {
            printJson(job.body());
        } else {
            out().println(job.jobId() + " " + job.status()
                    + (job.errorMessage().isEmpty() ? "" : ": " + job.errorMessage()));
            out().flush();
        }
        return ExitCode.OK;
    }
}
