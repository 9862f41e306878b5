package dev.idmap.cli;

import dev.idmap.service.IdmapServer;
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
        try (var server = IdmapServer.start(args)) {
            System.out.println("idmap service listening on " + server.url());
            server.awaitShutdown();
        }
        return 0;
    }
}
