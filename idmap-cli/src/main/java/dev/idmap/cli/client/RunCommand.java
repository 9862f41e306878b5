package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code idmap run}: trigger, follow, download (SHA-256 checked) and summarise, in one command. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Triggers a mapping job on the service, shows its progress until it ends, downloads the report"
                + " through its link, checks its SHA-256 against the status and prints the summary.",
        footer = {
            "",
            "Exit codes: 0 done, 1 the download failed or did not match its SHA-256, 2 bad usage, 3 the job ended in"
                    + " ERROR (its message is printed), 4 the service is unreachable or refused the credentials,"
                    + " 5 gave up waiting (--timeout)."
        })
public final class RunCommand extends ClientCommand {

    @ArgGroup(exclusive = false, multiplicity = "1")
    TriggerCommand.Target target;

    @Mixin
    ReportOptions report;

    @Mixin
    WaitOptions waiting;

    public RunCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) throws InterruptedException {
        var job = client.trigger(target.product.name(), target.source, target.destination);
        if (!json) {
            out().println("job " + job.jobId() + " " + job.status());
            out().flush();
        }
        job = waiting.watch(client, out(), environment.terminal() && !json, environment.clock())
                .until(job);
        if (!"SUCCESS".equals(job.status())) {
            if (json) {
                printJson(job.body());
            }
            err().println("idmap run: job " + job.jobId() + " ended in " + job.status() + ": " + job.errorMessage());
            err().flush();
            return ExitCode.JOB_ERROR;
        }
        var file = report.fetchVerified(client, job);
        if (json) {
            printJson(job.body());
            return ExitCode.OK;
        }
        var result = job.body().path("result");
        out().printf(
                        "%d source entities: %d matched, %d unmatched, %d ambiguous%n",
                        result.path("rows").asLong(),
                        result.path("matched").asLong(),
                        result.path("unmatched").asLong(),
                        result.path("ambiguous").asLong());
        out().println("report: " + file + " (SHA-256 " + job.sha256(report.detailed()) + " verified)");
        out().flush();
        return ExitCode.OK;
    }
}
