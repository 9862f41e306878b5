package dev.idmap.sim.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfluenceSimulatorTest {

    @Test
    void the_facade_starts_both_confluence_sites_and_hands_out_the_ground_truth(@TempDir Path dir) throws Exception {
        // given
        var config =
                SimConfig.builder(SimProduct.CONFLUENCE).outputDirectory(dir).build();
        // when
        try (var sim = Simulator.start(config)) {
            // then
            assertThat(sim.sourceBaseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/confluence");
            assertThat(sim.destinationBaseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(sim.sourceCredentials().personalAccessToken()).isPresent();
            assertThat(sim.destinationCredentials().login()).contains("@");
            assertThat(sim.groundTruthCsv()).startsWith(dir);
            long expectedRows = ConfluenceGroundTruthTest.DEFAULT_COUNTS.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(sim.groundTruth()).hasSize((int) expectedRows);
            assertThat(Files.readAllLines(sim.groundTruthCsv()).getFirst())
                    .isEqualTo("entityType,serverId,cloudId,case,expectation");
            assertThat(sim.requestCounts(SimSite.SOURCE)).isEmpty();
        }
    }

    @Test
    void a_burst_limit_answers_429_with_retry_after_in_confluence_error_shape() {
        // given: two requests per endpoint, refilled very slowly
        var config = SimConfig.builder(SimProduct.CONFLUENCE)
                .rateLimit(new dev.idmap.sim.http.RateLimit(2, 0.01))
                .build();
        try (var sites = ConfluenceSites.aMigration(config)) {
            // when
            sites.dc("/rest/api/space");
            sites.dc("/rest/api/space");
            var limited = sites.dc("/rest/api/space");
            var otherEndpoint = sites.dc("/rest/api/group");
            // then
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
            assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("2");
            assertThat(limited.json().get("statusCode").asInt()).isEqualTo(429);
            assertThat(limited.json().get("reason").asString()).isEqualTo("Too Many Requests");
            assertThat(otherEndpoint.status()).isEqualTo(200);
        }
    }

    @Test
    void deactivated_users_are_listed_with_their_status() {
        try (var sites = ConfluenceSites.theDefaultMigration()) {
            // when
            var users = sites.dc("/rest/api/user/list?expand=status").json().get("results");
            // then
            var statuses = new java.util.ArrayList<String>();
            users.forEach(u -> statuses.add(u.get("status").asString()));
            assertThat(statuses).hasSize(40);
            assertThat(statuses.stream().filter("deactivated"::equals)).hasSize(2);
        }
    }

    @Test
    void unknown_knobs_are_refused() {
        // given
        var config = SimConfig.builder(SimProduct.CONFLUENCE)
                .scale(dev.idmap.sim.SimScale.SMALL.with("issuesPerProject", 5))
                .build();
        // then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Simulator.start(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuesPerProject");
    }
}
