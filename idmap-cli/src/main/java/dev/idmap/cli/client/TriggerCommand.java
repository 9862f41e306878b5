package dev.idmap.cli.client;

import dev.idmap.cli.Environment;
import dev.idmap.cli.ExitCode;
import dev.idmap.core.model.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idmap trigger}: starts a mapping job and prints its id. */
@Command(
        name = "trigger",
        mixinStandardHelpOptions = true,
        description = "Starts a mapping job on the service and prints its id (POST …/trigger).")
public final class TriggerCommand extends ClientCommand {

    /** The job to start; shared with {@code run}. */
    static final class Target {
        @Option(names = "--product", required = true, description = "JIRA or CONFLUENCE")
        Product product;

        @Option(
                names = "--source",
                required = true,
                paramLabel = "URL",
                description = "the Data Center site, as configured")
        String source;

        @Option(
                names = "--destination",
                required = true,
                paramLabel = "URL",
                description = "the Cloud site, as configured")
        String destination;
    }

    @picocli.CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    Target target;

    public TriggerCommand(Environment environment) {
        super(environment);
    }

    @Override
    protected ExitCode run(IdmapClient client) {
        var job = client.trigger(target.product.name(), target.source, target.destination);
        if (json) {
            printJson(job.body());
        } else {
            out().println(job.jobId());
            out().flush();
        }
        return ExitCode.OK;
    }
}
