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
import dev.idmap.core.engine.MappingOutcome;
import dev.idmap.core.engine.MappingRequest;
import dev.idmap.core.engine.ProgressListener;
import dev.idmap.core.engine.StagedMappingEngine;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.core.storage.StagingStore;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimScale;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run broken inside a project's issue walk (issues and their content staged as one part) redoes that whole part
 * when started again, and writes the reports an unbroken run writes.
 */
class IssueWalkResumeTest {

    /** More than one staging batch (500 rows) of the part is committed before the break. */
    private static final int BREAK_AFTER = 700;

    @TempDir
    Path output;

    @Test
    void a_run_broken_inside_an_issue_walk_redoes_the_whole_walk_and_writes_the_same_reports() throws IOException {
        try (var sim = Simulator.start(SimConfig.builder(SimProduct.JIRA)
                .scale(SimScale.SMALL.with("projects", 4).with("issuesPerProject", 800))
                .build())) {
            // given a clean run for reference
            var clean = map(sim, h2("clean"), new AtlassianCrawlers(), output.resolve("clean"));
            // and a run whose destination connection drops inside the first issue walk
            var staging = h2("resumed");
            var breaking = new BreakingCrawlers();
            assertThatThrownBy(() -> map(sim, staging, breaking, output.resolve("resumed")))
                    .isInstanceOf(CrawlFailure.class);
            var broken = breaking.broken.getFirst();
            assertThat(broken.types()).contains(EntityType.ISSUE, EntityType.COMMENT, EntityType.WORKLOG);

            // when the run is started again with the same run id
            var resumed = map(sim, staging, new AtlassianCrawlers(), output.resolve("resumed"));

            // then the broken walk was checkpointed once it was redone, and the reports are byte-identical
            assertThat(new StagingStore(staging, MatchRules.standard(), InstantSource.system()).finishedParts("run-1"))
                    .contains(StagingStore.partName(Side.DESTINATION, broken.name()));
            assertThat(Files.readAllBytes(resumed.compatibleReport()))
                    .isEqualTo(Files.readAllBytes(clean.compatibleReport()));
            assertThat(Files.readAllBytes(resumed.detailedReport()))
                    .isEqualTo(Files.readAllBytes(clean.detailedReport()));
        }
    }

    private static MappingOutcome map(
            SimulatedMigration sim, DataSource staging, CrawlerFactory crawlers, Path directory) throws IOException {
        Files.createDirectories(directory);
        var engine = new StagedMappingEngine(staging, crawlers, InstantSource.system());
        var request = new MappingRequest("run-1", Product.JIRA, source(sim), destination(sim), Set.of(), Set.of());
        return engine.run(request, directory, ProgressListener.NONE);
    }

    private static DataSource h2(String name) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:walk-" + name + "-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** The real crawlers, whose destination drops the connection once, inside the first issue walk. */
    private static final class BreakingCrawlers implements CrawlerFactory {
        final List<CrawlScope> broken = new ArrayList<>();
        private final AtlassianCrawlers real = new AtlassianCrawlers();

        @Override
        public SiteCrawler open(Product product, Side side, SiteConnection connection) {
            var crawler = real.open(product, side, connection);
            return side == Side.DESTINATION ? new Breaking(crawler) : crawler;
        }

        private final class Breaking extends ForwardingSiteCrawler {

            Breaking(SiteCrawler crawler) {
                super(crawler);
            }

            @Override
            public void crawl(CrawlScope scope, EntitySink sink) {
                if (!broken.isEmpty() || scope.types().size() < 2) {
                    crawler.crawl(scope, sink);
                    return;
                }
                int[] delivered = {0};
                crawler.crawl(scope, entity -> {
                    sink.accept(entity);
                    if (++delivered[0] == BREAK_AFTER) {
                        broken.add(scope);
                        throw new CrawlFailure(CrawlFailure.Kind.UNEXPECTED, "connection dropped in " + scope.name());
                    }
                });
            }
        }
    }
}
