package dev.idmap.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.engine.StopSignal;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.core.report.DetailedReport;
import dev.idmap.core.report.DetailedRow;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** A source site, its Cloud destination, and a mapping run over them through the real engine. */
public final class Scenario {

    public static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-28T12:00:00Z"));

    private final Product product;
    private final List<SiteEntity> source = new ArrayList<>();
    private final List<SiteEntity> destination = new ArrayList<>();
    private final List<String[]> migrations = new ArrayList<>();

    public Scenario(Product product) {
        this.product = product;
    }

    public static Scenario jira() {
        return new Scenario(Product.JIRA);
    }

    public static Scenario confluence() {
        return new Scenario(Product.CONFLUENCE);
    }

    public Scenario source(SiteEntity... entities) {
        source.addAll(Arrays.asList(entities));
        return this;
    }

    public Scenario destination(SiteEntity... entities) {
        destination.addAll(Arrays.asList(entities));
        return this;
    }

    /** The Cloud site's migration record for a server user. */
    public Scenario migrated(String serverKey, String username, String accountId) {
        migrations.add(new String[] {serverKey, username, accountId});
        return this;
    }

    public FixtureSite sourceSite() {
        return new FixtureSite(product, Side.SOURCE, source);
    }

    public FixtureSite destinationSite() {
        var site = new FixtureSite(product, Side.DESTINATION, destination);
        migrations.forEach(m -> site.migrated(m[0], m[1], m[2]));
        return site;
    }

    public Result run(DataSource database, Path outputDir, String runId, Set<EntityType> types, Set<String> keys) {
        return run(database, outputDir, runId, types, keys, sourceSite(), destinationSite());
    }

    public Result run(
            DataSource database,
            Path outputDir,
            String runId,
            Set<EntityType> types,
            Set<String> keys,
            FixtureSite sourceSite,
            FixtureSite destinationSite) {
        return run(database, outputDir, runId, types, keys, sourceSite, destinationSite, 1);
    }

    /** A run with {@code crawlWorkers} parts crawled at once (1, the default here, makes the crawl order fixed). */
    public Result run(
            DataSource database,
            Path outputDir,
            String runId,
            Set<EntityType> types,
            Set<String> keys,
            FixtureSite sourceSite,
            FixtureSite destinationSite,
            int crawlWorkers) {
        return run(
                database, outputDir, runId, types, keys, sourceSite, destinationSite, crawlWorkers, StopSignal.NEVER);
    }

    /** A run asked, through {@code stop}, whether to stop. */
    public Result run(
            DataSource database,
            Path outputDir,
            String runId,
            Set<EntityType> types,
            Set<String> keys,
            FixtureSite sourceSite,
            FixtureSite destinationSite,
            int crawlWorkers,
            StopSignal stop) {
        var engine = new StagedMappingEngine(
                database,
                (p, side, connection) -> side == Side.SOURCE ? sourceSite : destinationSite,
                CLOCK,
                crawlWorkers);
        var request = new MappingRequest(
                runId,
                product,
                connection("https://dc.example.test"),
                connection("https://x.atlassian.net"),
                types,
                keys,
                stop);
        var outcome = engine.run(request, outputDir, ProgressListener.NONE);
        var decisions = new ArrayList<DetailedRow>();
        engine.forEachDecision(request, decisions::add);
        return new Result(outcome, DetailedReport.readAll(outcome.detailedReport()), decisions);
    }

    private static SiteConnection connection(String url) {
        return new SiteConnection(URI.create(url), new SiteConnection.SiteAuth.Bearer("secret"));
    }

    /**
     * What a run produced.
     *
     * @param rows the detailed report, read back
     * @param decisions the engine's decision stream after the run
     */
    public record Result(MappingOutcome outcome, List<DetailedRow> rows, List<DetailedRow> decisions) {

        public DetailedRow row(EntityType type, String serverId) {
            var found = rows.stream()
                    .filter(r -> r.entityType().equals(type.namespace())
                            && r.serverId().equals(serverId))
                    .toList();
            assertThat(found).as("rows for %s %s in %s", type, serverId, rows).hasSize(1);
            return found.getFirst();
        }

        public List<DetailedRow> rowsOf(EntityType type) {
            return rows.stream()
                    .filter(r -> r.entityType().equals(type.namespace()))
                    .toList();
        }
    }
}
