package dev.idmap.cli;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.storage.StagingStore;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the mapping engine directly, without a server, for people who just want the files. */
@Command(
        name = "map",
        mixinStandardHelpOptions = true,
        description = "Crawls a Data Center site and the Cloud site it was migrated to, and writes the reports.")
public final class MapCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--product", required = true, description = "JIRA or CONFLUENCE")
    Product product;

    @Option(names = "--source", required = true, description = "base URL of the Server/Data Center site")
    URI source;

    @Option(names = "--destination", required = true, description = "base URL of the Cloud site")
    URI destination;

    @Option(
            names = "--source-auth",
            description = "basic:USER:SECRET or bearer:TOKEN; SECRET may be env:NAME or file:PATH "
                    + "(default: env IDMAP_SOURCE_AUTH)")
    String sourceAuth;

    @Option(
            names = "--destination-auth",
            description = "basic:EMAIL:API_TOKEN; the token may be env:NAME or file:PATH "
                    + "(default: env IDMAP_DESTINATION_AUTH)")
    String destinationAuth;

    @Option(names = "--only", split = ",", description = "entity types to map, as namespaces (default: all)")
    List<String> only = List.of();

    @Option(names = "--projects", split = ",", description = "project (or space) keys to map (default: all)")
    List<String> projects = List.of();

    @Option(
            names = {"-o", "--output"},
            required = true,
            description = "directory for the reports")
    Path output;

    @Option(
            names = "--run-id",
            description = "name of the run (default: a new one). A run that did not finish is resumed by giving its"
                    + " id again; a finished run is never reused")
    String runId;

    @Option(
            names = "--resume",
            description = "continue the most recent run of these sites in this output directory that did not finish,"
                    + " instead of crawling afresh")
    boolean resume;

    @Option(
            names = "--database",
            paramLabel = "JDBC-URL",
            description = "where to stage what is crawled (default: a PostgreSQL server idmap runs itself in"
                    + " OUTPUT/.staging); a jdbc:postgresql://HOST:PORT/DB URL stages in that database, with"
                    + " --database-user and the password from the environment variable IDMAP_DATABASE_PASSWORD"
                    + " (or ~/.pgpass)")
    String database;

    @Option(names = "--database-user", description = "user of the --database")
    String databaseUser;

    private final InstantSource clock = InstantSource.system();

    /** The crawl workers' connections, and one for the engine's own reads and writes. */
    private static final int STAGING_CONNECTIONS = StagedMappingEngine.DEFAULT_CRAWL_WORKERS + 2;

    @Override
    public Integer call() throws java.sql.SQLException, java.io.IOException {
        var request = new MappingRequest(
                "pending",
                product,
                new SiteConnection(
                        withoutTrailingSlash(source), auth(sourceAuth, "IDMAP_SOURCE_AUTH", "--source-auth")),
                new SiteConnection(
                        withoutTrailingSlash(destination),
                        auth(destinationAuth, "IDMAP_DESTINATION_AUTH", "--destination-auth")),
                entityTypes(),
                new LinkedHashSet<>(projects));
        var directory = OutputDirectory.prepare(spec.commandLine(), output);
        var stagingDirectory = stagingDirectory(directory);
        try (var staging = database == null
                ? StagingDatabase.embedded(stagingDirectory, STAGING_CONNECTIONS)
                : StagingDatabase.at(
                        database,
                        databaseUser,
                        System.getenv(StagingDatabase.PASSWORD_VARIABLE),
                        STAGING_CONNECTIONS)) {
            var engine = new StagedMappingEngine(staging.dataSource(), new AtlassianCrawlers(), clock);
            var run = chooseRun(engine, request);
            var out = spec.commandLine().getOut();
            run.resumed()
                    .ifPresent(interrupted -> out.printf(
                            "resuming run %s (started %s, %d crawl parts done): finished parts are not crawled again%n",
                            interrupted.runId(), interrupted.startedAt(), interrupted.partsFinished()));
            var runRequest = new MappingRequest(
                    run.runId(),
                    request.product(),
                    request.source(),
                    request.destination(),
                    request.entityTypes(),
                    request.containerKeys());
            try (var display = new ProgressDisplay(System.err)) {
                var outcome = engine.run(runRequest, directory, display);
                display.close();
                print(outcome);
            }
            // a finished run is never reused: the next run of these sites crawls afresh
            var othersStaged = engine.stagedRuns().stream()
                    .anyMatch(staged -> !staged.runId().equals(run.runId()));
            if (staging.embedded() && !othersStaged) {
                // nothing left to resume: the cluster held only bulk (gigabytes after a million issues), so it goes
                // whole, without deleting the run's rows first or checkpointing on the way out
                staging.closeAndDelete();
            } else {
                // unfinished runs of other sites stay resumable
                engine.discard(run.runId());
            }
        }
        return 0;
    }

    /** Where map keeps its staging (the embedded database's cluster) for reports written to {@code output}. */
    public static Path stagingDirectory(Path output) {
        return output.toAbsolutePath().resolve(".staging");
    }

    /** The run to start: a new one, or, when asked for explicitly, one that did not finish. */
    private record Run(String runId, Optional<StagingStore.StagedRun> resumed) {}

    private Run chooseRun(StagedMappingEngine engine, MappingRequest request) {
        var ofTheseSites = engine.stagedRuns().stream()
                .filter(r -> r.product().equals(request.product().name())
                        && r.sourceUrl().equals(request.source().baseUrl().toString())
                        && r.destinationUrl()
                                .equals(request.destination().baseUrl().toString()))
                .toList();
        if (runId != null) {
            var staged = engine.stagedRuns().stream()
                    .filter(r -> r.runId().equals(runId))
                    .findFirst();
            if (staged.isPresent() && !ofTheseSites.contains(staged.get())) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--run-id " + runId + ": that run was started for "
                                + staged.get().product() + " "
                                + staged.get().sourceUrl() + " -> "
                                + staged.get().destinationUrl()
                                + "; give a new run another id");
            }
            if (resume && staged.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), "--resume: no unfinished run " + runId + " in " + output);
            }
            return new Run(runId, staged);
        }
        if (resume) {
            if (ofTheseSites.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--resume: no unfinished run of " + request.product() + " "
                                + request.source().baseUrl()
                                + " -> " + request.destination().baseUrl() + " in " + output
                                + "; run without --resume to start one");
            }
            return new Run(ofTheseSites.getFirst().runId(), Optional.of(ofTheseSites.getFirst()));
        }
        ofTheseSites.forEach(interrupted -> spec.commandLine()
                .getErr()
                .printf(
                        "note: run %s of these sites (started %s) did not finish; this is a new run (--resume"
                                + " continues that one instead)%n",
                        interrupted.runId(), interrupted.startedAt()));
        return new Run(newRunId(), Optional.empty());
    }

    private String newRunId() {
        var time = RUN_ID_TIME.format(clock.instant());
        return "map-" + time + "-" + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());
    }

    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private void print(MappingOutcome outcome) {
        var out = spec.commandLine().getOut();
        var summary = outcome.summary();
        out.printf(
                "%d source entities: %d matched, %d unmatched, %d ambiguous%n",
                summary.rows(), summary.matched(), summary.unmatched(), summary.ambiguous());
        out.println("compatible report: " + outcome.compatibleReport());
        out.println("detailed report:   " + outcome.detailedReport());
        out.println("summary:           " + outcome.summaryFile());
        var warnings = summary.warnings();
        if (!warnings.isEmpty()) {
            out.printf("%d warning%s: the rest was mapped%n", warnings.size(), warnings.size() == 1 ? "" : "s");
            warnings.forEach(warning -> out.println("warning: " + warning));
        }
    }

    private Set<EntityType> entityTypes() {
        var types = new LinkedHashSet<EntityType>();
        for (var namespace : only) {
            types.add(EntityType.byNamespace(product, namespace.strip())
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(),
                            "unknown entity type '" + namespace + "' for " + product + "; known: "
                                    + EntityType.of(product).stream()
                                            .map(EntityType::namespace)
                                            .distinct()
                                            .toList())));
        }
        return types;
    }

    private SiteConnection.SiteAuth auth(String option, String environmentName, String optionName) {
        var value = option != null ? option : System.getenv(environmentName);
        if (value == null) {
            throw new ParameterException(
                    spec.commandLine(), "missing " + optionName + " (or environment variable " + environmentName + ")");
        }
        try {
            return SiteAuthSpec.parse(
                    value,
                    System::getenv,
                    option != null ? SiteAuthSpec.Source.COMMAND_LINE : SiteAuthSpec.Source.ENVIRONMENT);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), optionName + ": " + e.getMessage());
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        var text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
