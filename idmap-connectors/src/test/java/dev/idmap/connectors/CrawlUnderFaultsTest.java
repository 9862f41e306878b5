package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.crawlEverything;
import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.connectors.http.Sleeper;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.Simulator;
import dev.idmap.sim.http.RateLimit;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A crawl through 1% injected faults (500, 502, 503, dropped connections) and a tight per-endpoint burst limit sees
 * exactly what a clean crawl sees, in the same order. The waits are real: the simulator's limits run on its clock.
 */
class CrawlUnderFaultsTest {

    @Test
    void faults_and_rate_limits_change_nothing_in_what_is_crawled() {
        // given the same generated migration served cleanly and under faults with a burst limit of 20 per endpoint
        var waits = new CopyOnWriteArrayList<Duration>();
        Sleeper recordingSleeper = duration -> {
            waits.add(duration);
            Thread.sleep(duration);
        };
        var clean = SimConfig.defaults(SimProduct.JIRA);
        var harsh = SimConfig.builder(SimProduct.JIRA)
                .faultRate(0.01)
                .rateLimit(new RateLimit(20, 20))
                .build();
        try (var cleanSim = Simulator.start(clean);
                var harshSim = Simulator.start(harsh)) {
            var cleanCrawlers = new AtlassianCrawlers();
            var harshCrawlers =
                    new AtlassianCrawlers(CrawlerSettings.defaults(), InstantSource.system(), recordingSleeper);
            for (var side : List.of(Side.SOURCE, Side.DESTINATION)) {
                var cleanCrawler = cleanCrawlers.open(
                        Product.JIRA, side, side == Side.SOURCE ? source(cleanSim) : destination(cleanSim));
                var harshCrawler = harshCrawlers.open(
                        Product.JIRA, side, side == Side.SOURCE ? source(harshSim) : destination(harshSim));
                // when
                var expected = crawlEverything(cleanCrawler);
                var actual = crawlEverything(harshCrawler);
                // then
                assertThat(actual)
                        .as("entities crawled from the %s site under faults", side)
                        .isEqualTo(expected);
                long cleanRequests = total(cleanCrawler.requestCounts().values());
                long harshRequests = total(harshCrawler.requestCounts().values());
                assertThat(harshRequests).as("retries on the %s site", side).isGreaterThan(cleanRequests);
            }
            assertThat(waits).as("waits for Retry-After and backoff").isNotEmpty();
        }
    }

    private static long total(java.util.Collection<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
