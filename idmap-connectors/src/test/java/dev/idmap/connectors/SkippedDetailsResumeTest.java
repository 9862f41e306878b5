package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.CrawlerFactory;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimFeature;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The details a crawl went on without are checkpointed with their part: a resumed run names the same warnings as an
 * uninterrupted one, whether it crawls the part again or not, and counts each item once.
 */
class SkippedDetailsResumeTest {

    /** Details skipped on both sides and in the user lookup: project roles, board configurations, migration records. */
    private static SimulatedMigration sim;

    private static List<String> uninterrupted;

    @TempDir
    Path output;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                .without(
                        SimFeature.JIRA_DC_PROJECT_ROLES,
                        SimFeature.JIRA_CLOUD_BOARD_CONFIGURATION,
                        SimFeature.JIRA_CLOUD_USER_MIGRATION)
                .build());
        var reference = Files.createTempDirectory("idmap-uninterrupted");
        uninterrupted = map(h2("uninterrupted"), new AtlassianCrawlers(), reference)
                .summary()
                .warnings();
        assertThat(uninterrupted)
                .as("one warning per kind of detail: roles (source), board configurations and migration records")
                .hasSize(3);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void a_run_resumed_after_every_part_was_crawled_names_the_details_of_parts_it_does_not_crawl_again()
            throws IOException {
        // given a run that crawled every part, then failed in the user lookup
        var staging = h2("after-crawl");
        var failing = new Crawlers(Break.USER_LOOKUP);
        assertThatThrownBy(() -> map(staging, failing, output.resolve("a"))).isInstanceOf(CrawlFailure.class);
        // when it is resumed
        var resuming = new Crawlers(Break.NOTHING);
        var resumed = map(staging, resuming, output.resolve("a"));
        // then it crawled no part again and names the same warnings
        assertThat(resuming.crawled).isEmpty();
        assertThat(resumed.summary().warnings()).isEqualTo(uninterrupted);
        // when the finished run is run once more (the user lookup is checkpointed too)
        var again = new Crawlers(Break.NOTHING);
        var rerun = map(staging, again, output.resolve("a"));
        // then
        assertThat(again.crawled).isEmpty();
        assertThat(again.lookups).isZero();
        assertThat(rerun.summary().warnings()).isEqualTo(uninterrupted);
    }

    @Test
    void a_part_broken_after_it_skipped_a_detail_counts_each_item_once_when_redone() throws IOException {
        // given a run whose crawl broke right after its first skipped detail (a project's roles, or a board's
        // configuration), in the middle of that part
        var staging = h2("mid-part");
        var failing = new Crawlers(Break.AFTER_FIRST_SKIPPED_DETAIL);
        assertThatThrownBy(() -> map(staging, failing, output.resolve("b"))).isInstanceOf(CrawlFailure.class);
        // when it is resumed
        var resuming = new Crawlers(Break.NOTHING);
        var resumed = map(staging, resuming, output.resolve("b"));
        // then the broken part was crawled again, and the warnings count each item once
        assertThat(failing.brokenIn).isNotNull();
        assertThat(resuming.crawled).contains(failing.brokenIn);
        assertThat(resumed.summary().warnings()).isEqualTo(uninterrupted);
    }

    private static MappingOutcome map(DataSource staging, CrawlerFactory crawlers, Path directory) throws IOException {
        Files.createDirectories(directory);
        // one crawl worker: the parts are crawled in plan order, so what is finished before a break is fixed
        var engine = new StagedMappingEngine(staging, crawlers, InstantSource.system(), 1);
        var request = new MappingRequest("run-1", Product.JIRA, source(sim), destination(sim), Set.of(), Set.of());
        return engine.run(request, directory, ProgressListener.NONE);
    }

    private static DataSource h2(String name) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:details-" + name + "-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private enum Break {
        NOTHING,
        /** The destination's connection drops at the first user lookup. */
        USER_LOOKUP,
        /** The connection drops right after a crawl's first skipped detail. */
        AFTER_FIRST_SKIPPED_DETAIL
    }

    /** The real crawlers, remembering the scopes they crawled and breaking where asked. */
    private static final class Crawlers implements CrawlerFactory {
        private final AtlassianCrawlers real = new AtlassianCrawlers();
        private final Break where;
        private final AtomicBoolean broken = new AtomicBoolean();
        final List<String> crawled = new CopyOnWriteArrayList<>();
        volatile String brokenIn;
        int lookups;

        Crawlers(Break where) {
            this.where = where;
        }

        @Override
        public SiteCrawler open(Product product, Side side, SiteConnection connection) {
            return new Observed(real.open(product, side, connection));
        }

        private static CrawlFailure dropped(String where) {
            return new CrawlFailure(CrawlFailure.Kind.UNAVAILABLE, "connection dropped " + where + " (test)");
        }

        private final class Observed extends ForwardingSiteCrawler {

            Observed(SiteCrawler crawler) {
                super(crawler);
            }

            @Override
            public void crawl(CrawlScope scope, EntitySink sink) {
                crawled.add(scope.name());
                crawler.crawl(scope, new EntitySink() {
                    @Override
                    public void accept(SiteEntity entity) {
                        sink.accept(entity);
                    }

                    @Override
                    public void skipped(SkippedDetail detail) {
                        sink.skipped(detail);
                        if (where == Break.AFTER_FIRST_SKIPPED_DETAIL && broken.compareAndSet(false, true)) {
                            brokenIn = scope.name();
                            throw dropped("in " + scope.name());
                        }
                    }
                });
            }

            @Override
            public Map<String, String> migratedAccountIds(
                    Collection<String> serverUsers, boolean byKey, Consumer<SkippedDetail> skipped) {
                lookups++;
                if (where == Break.USER_LOOKUP) {
                    throw dropped("in the user lookup");
                }
                return crawler.migratedAccountIds(serverUsers, byKey, skipped);
            }
        }
    }
}
