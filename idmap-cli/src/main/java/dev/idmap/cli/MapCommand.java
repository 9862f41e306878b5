package dev.idmap.cli;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.h2.jdbcx.JdbcDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the mapping engine directly, without a server, for people who just want the files. */
@Command(
        name = "map",
        mixinStandardHelpOptions = true,
        description = "Crawls a Data Center site and the Cloud site it was migrated to, and writes the reports.")
final class MapCommand implements Callable<Integer> {

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
            description =
                    "name of the run; running again with the same id resumes it (default: derived from the " + "sites)")
    String runId;

    @Override
    public Integer call() throws Exception {
        var request = new MappingRequest(
                runId != null ? runId : defaultRunId(),
                product,
                new SiteConnection(
                        withoutTrailingSlash(source), auth(sourceAuth, "IDMAP_SOURCE_AUTH", "--source-auth")),
                new SiteConnection(
                        withoutTrailingSlash(destination),
                        auth(destinationAuth, "IDMAP_DESTINATION_AUTH", "--destination-auth")),
                entityTypes(),
                new LinkedHashSet<>(projects));
        Files.createDirectories(output);
        var staging = stagingDatabase();
        var engine = new StagedMappingEngine(staging, new AtlassianCrawlers(), InstantSource.system());
        MappingOutcome outcome;
        // one connection held for the whole run: H2 closes a database with its last connection, and reopening it
        // between phases costs a store on close and a cold page cache after
        try (var keepOpen = staging.getConnection();
                var display = new ProgressDisplay()) {
            outcome = engine.run(request, output, display);
            display.close();
        } catch (CrawlFailure failure) {
            spec.commandLine().getErr().println("idmap map: " + failure.getMessage());
            return 1; // the staging stays: running again with the same --run-id resumes
        }
        deleteRecursively(stagingDirectory()); // the reports are written; a finished run's staging is only bulk
        print(outcome);
        return 0;
    }

    private Path stagingDirectory() {
        return output.toAbsolutePath().resolve(".staging");
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void print(MappingOutcome outcome) {
        var out = spec.commandLine().getOut();
        var summary = outcome.summary();
        out.printf(
                "%d source entities: %d matched, %d unmatched, %d ambiguous%n",
                summary.rows(), summary.matched(), summary.unmatched(), summary.ambiguous());
        out.println("compatible report: " + outcome.compatibleReport());
        out.println("detailed report:   " + outcome.detailedReport());
        out.println("summary:           " + outcome.summaryFile());
    }

    private JdbcDataSource stagingDatabase() {
        var dataSource = new JdbcDataSource();
        // MAX_COMPACT_TIME=0: no compaction when the database closes; a finished run's staging is deleted, an
        // interrupted one's is reopened to resume, and either way compacting gigabytes would only cost time
        dataSource.setURL("jdbc:h2:file:" + stagingDirectory().resolve("idmap")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
                + ";MAX_COMPACT_TIME=0");
        return dataSource;
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
            return SiteAuthSpec.parse(value, System::getenv);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), optionName + ": " + e.getMessage());
        }
    }

    private String defaultRunId() {
        return "map-" + Integer.toHexString((product + "|" + source + "|" + destination).hashCode());
    }

    private static URI withoutTrailingSlash(URI uri) {
        var text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
