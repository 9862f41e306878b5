package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idmap jobs}: the caller's jobs, newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists your jobs on the service, newest first.")
public final class JobsCommand extends ClientCommand {

    @Option(names = "--status", description = "only PENDING, IN_PROGRESS, SUCCESS or ERROR")
    String status;

    @Option(names = "--page", defaultValue = "0", description = "page, from 0 (default: ${DEFAULT-VALUE})")
    int page;

    @Option(names = "--size", defaultValue = "20", description = "jobs per page, 1 to 100 (default: ${DEFAULT-VALUE})")
    int size;

    public JobsCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) {
        var list = client.list(status, page, size);
        if (json) {
            printJson(list);
            return ExitCode.OK;
        }
        out().printf(
                        "%-36s  %-11s  %-10s  %-20s  %s%n",
                        "JOB", "STATUS", "PRODUCT", "CREATED", "SOURCE -> DESTINATION");
        for (var job : list.path("jobs")) {
            out().printf(
                            "%-36s  %-11s  %-10s  %-20s  %s -> %s%n",
                            job.path("jobId").asString(),
                            job.path("status").asString(),
                            job.path("product").asString(),
                            job.path("createdAt").asString().replaceAll("\\.[0-9]+Z$", "Z"),
                            job.path("sourceURL").asString(),
                            job.path("destinationURL").asString());
        }
        out().printf(
                        "%d of %d jobs%n",
                        list.path("jobs").size(), list.path("total").asLong());
        out().flush();
        return ExitCode.OK;
    }
}
