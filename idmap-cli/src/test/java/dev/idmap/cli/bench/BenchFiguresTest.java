package dev.idmap.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.sim.SimProduct;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark harness's own arithmetic: walks, minimum pages, medians and wrk's report. */
class BenchFiguresTest {

    @Test
    void a_walk_is_named_without_its_paging_parameters() {
        var first = URI.create("/rest/api/3/search/jql?jql=project%20%3D%20ABC&maxResults=100&fields=*all");
        var later = URI.create(
                "/rest/api/3/search/jql?jql=project%20%3D%20ABC&maxResults=100&fields=*all&nextPageToken=xyz");
        assertThat(FetchBaseline.walkOf(later)).isEqualTo(FetchBaseline.walkOf(first));
        assertThat(FetchBaseline.walkOf(URI.create("/rest/api/space?start=500&limit=500")))
                .isEqualTo(FetchBaseline.walkOf(URI.create("/rest/api/space?limit=500")));
    }

    @Test
    void a_keyset_walk_of_the_data_center_issue_search_is_one_walk() {
        var first = URI.create("/rest/api/2/search?jql=project%20%3D%20%22ABC%22%20ORDER%20BY%20id&startAt=0");
        var later = URI.create(
                "/rest/api/2/search?jql=project%20%3D%20%22ABC%22%20AND%20id%20%3E%2010999%20ORDER%20BY%20id&startAt=0");
        var otherProject = URI.create("/rest/api/2/search?jql=project%20%3D%20%22XYZ%22%20ORDER%20BY%20id&startAt=0");
        assertThat(FetchBaseline.walkOf(later)).isEqualTo(FetchBaseline.walkOf(first));
        assertThat(FetchBaseline.walkOf(otherProject)).isNotEqualTo(FetchBaseline.walkOf(first));
    }

    @Test
    void the_median_of_an_odd_and_an_even_number_of_runs_with_min_and_max() {
        assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(2.0, 1.0, 3.0, 3));
        assertThat(Stats.of(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(new Stats(2.5, 1.0, 4.0, 4));
        assertThat(Stats.of(List.of(84.0, 80.0, 90.0)).format("%.1f")).isEqualTo("84.0 (80.0–90.0)");
        assertThat(Stats.of(List.of(84.0)).format("%.1f")).isEqualTo("84.0 (1 run)");
    }

    @Test
    void scenarios_scale_the_simulator_to_their_size() {
        assertThat(new Scenario(SimProduct.JIRA, 1_000_000).scale().overrides())
                .containsEntry("projects", 10L)
                .containsEntry("issuesPerProject", 100_000L);
        // 100 global spaces of 190 pages + 200 personal spaces of 5 pages
        assertThat(new Scenario(SimProduct.CONFLUENCE, 20_000).scale().overrides())
                .containsEntry("pagesPerSpace", 190L);
        assertThat(new Scenario(SimProduct.JIRA, 1_000_000).longestChain()).isEqualTo(1000);
        assertThatThrownBy(() -> new Scenario(SimProduct.CONFLUENCE, 500)).hasMessageContaining("start at 1300");
    }

    @Test
    void a_wrk_report_gives_rate_p99_and_every_kind_of_error() {
        var report = """
                Running 10s test @ http://127.0.0.1:8080/actuator/health
                  2 threads and 200 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency    12.10ms    3.20ms  80.00ms   90.00%
                    Req/Sec     8.10k   500.00     9.00k    70.00%
                  Latency Distribution
                     50%   11.00ms
                     75%   13.00ms
                     90%   15.00ms
                     99%    1.25s
                  161234 requests in 10.00s, 30.00MB read
                  Socket errors: connect 0, read 2, write 0, timeout 1
                  Non-2xx or 3xx responses: 4
                Requests/sec:  16123.40
                Transfer/sec:      3.00MB
                """;
        assertThat(Wrk.parse(report)).isEqualTo(new Wrk.Result(16123.40, 1250.0, 161234, 7));
    }
}
