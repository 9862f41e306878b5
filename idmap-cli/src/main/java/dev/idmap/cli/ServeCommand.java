package dev.idmap.cli;

import dev.idmap.service.IdmapServer;
import dev.idmap.service.StartupFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Runs the Id Mapping service until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Runs the Id Mapping service (configuration: idmap-service/README.md).",
        footer = "Further --key=value arguments set configuration properties, e.g. --idmap.server.port=9090.")
final class ServeCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-c", "--config"},
            description = "YAML configuration file (sites, API callers, database, storage, retention)")
    Path config;

    @Unmatched
    List<String> properties = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        var args = new ArrayList<String>();
        if (config != null) {
            args.add("--config");
            args.add(config.toString());
        }
        args.addAll(properties);
        IdmapServer server;
        try {
            server = IdmapServer.start(args);
        } catch (StartupFailure failure) {
            throw new Failures.UserFacing(
                    failure.kind() == StartupFailure.Kind.CONFIGURATION ? Failures.USAGE : Failures.FAILED,
                    "cannot start: " + failure.getMessage(),
                    failure);
        }
        try (server) {
            spec.commandLine().getOut().println("idmap service listening on " + server.url());
            spec.commandLine().getOut().flush();
            server.awaitShutdown();
        }
        return 0;
    }
}
