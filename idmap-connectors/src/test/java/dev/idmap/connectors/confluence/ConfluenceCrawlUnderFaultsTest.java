package dev.idmap.connectors.confluence;

import static dev.idmap.connectors.confluence.ConfluenceSites.crawlEverything;
import static dev.idmap.connectors.confluence.ConfluenceSites.destination;
import static dev.idmap.connectors.confluence.ConfluenceSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.connectors.AtlassianCrawlers;
import dev.idmap.connectors.CrawlerSettings;
import dev.idmap.connectors.http.Sleeper;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.RateLimit;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A Confluence crawl through injected faults (5xx, dropped connections) and a tight per-endpoint burst limit (429 with
 * {@code Retry-After}) sees exactly what a clean crawl sees, in the same order. The waits are real: the simulator's
 * limits run on its own clock.
 */
class ConfluenceCrawlUnderFaultsTest {

    @Test
    void faults_and_rate_limits_change_nothing_in_what_is_crawled() {
        // given the same generated migration, served cleanly and with 3% faults and a burst of 6 per endpoint (a
        // space-by-space listing of 9 spaces overruns it on both sites)
        var waits = new CopyOnWriteArrayList<Duration>();
        Sleeper recordingSleeper = duration -> {
            waits.add(duration);
            Thread.sleep(duration);
        };
        var harsh = SimConfig.builder(SimProduct.CONFLUENCE)
                .faultRate(0.03)
                .rateLimit(new RateLimit(6, 25))
                .build();
        try (var cleanSim = Simulator.start(SimConfig.defaults(SimProduct.CONFLUENCE));
                var harshSim = Simulator.start(harsh)) {
            var cleanCrawlers = new AtlassianCrawlers();
            var harshCrawlers =
                    new AtlassianCrawlers(CrawlerSettings.defaults(), InstantSource.system(), recordingSleeper);
            for (var side : List.of(Side.SOURCE, Side.DESTINATION)) {
                var cleanCrawler = cleanCrawlers.open(
                        Product.CONFLUENCE, side, side == Side.SOURCE ? source(cleanSim) : destination(cleanSim));
                var harshCrawler = harshCrawlers.open(
                        Product.CONFLUENCE, side, side == Side.SOURCE ? source(harshSim) : destination(harshSim));
                // when
                var expected = crawlEverything(cleanCrawler);
                var actual = crawlEverything(harshCrawler);
                // then
                assertThat(actual)
                        .as("entities crawled from the %s site under faults", side)
                        .isEqualTo(expected);
                System.out.printf(
                        "confluence %s crawl under faults: %d requests, clean: %d%n",
                        side,
                        total(harshCrawler.requestCounts().values()),
                        total(cleanCrawler.requestCounts().values()));
                assertThat(total(harshCrawler.requestCounts().values()))
                        .as("requests to the %s site, retries included", side)
                        .isGreaterThan(total(cleanCrawler.requestCounts().values()));
            }
            assertThat(waits).as("waits for Retry-After and backoff").isNotEmpty();
        }
    }

    private static long total(Collection<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
