package dev.idmap.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.cli.bench.BenchResults.Baseline;
import dev.idmap.cli.bench.BenchResults.Engine;
import dev.idmap.cli.bench.BenchResults.Machine;
import dev.idmap.cli.bench.BenchResults.Run;
import dev.idmap.cli.bench.BenchResults.ScenarioResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BENCHMARKS.md says what the results hold: every table's header and rows have the same number of cells. */
class BenchmarksMarkdownTest {

    @Test
    void every_table_row_has_as_many_cells_as_its_header_and_ratios_are_medians_of_the_runs() {
        // given two runs of one scenario, without limited or service parts
        var results = new BenchResults(Map.of(
                "jira-1000",
                new ScenarioResult(
                        "Jira, 1,000 issues",
                        "JIRA",
                        1000,
                        new Machine(2, 24_000, "JDK 25", "Linux amd64", "abc1234"),
                        "./idmap bench --scenarios jira:1000",
                        List.of(run(30, 10), run(40, 10)))));

        // when
        var markdown = new BenchmarksMarkdown(results, "- a change").render();

        // then
        String header = null;
        for (var line : markdown.lines().toList()) {
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            if (header == null) {
                header = line;
            } else {
                assertThat(cells(line)).as(line).isEqualTo(cells(header));
            }
        }
        assertThat(markdown).contains("×3.50 (×3.00–×4.00)").contains("## Changes measured\n\n- a change");
        // idmap's CPU counts its child processes (an embedded database server): (20 + 10 + 5) / 3
        assertThat(markdown).contains("×11.67");
        assertThat(markdown).contains("| 400 (400–400) | embedded | 150 (150–150) |");
    }

    @Test
    void results_recorded_before_the_database_figures_existed_still_read_and_render() throws Exception {
        // given BENCHMARKS.json as written before the engine's child processes and database server were measured
        var older = """
                {"scenarios": {"jira-1000": {"title": "Jira, 1,000 issues", "product": "JIRA", "size": 1000,
                  "machine": {"cores": 2, "memoryMiB": 24000, "jdk": "JDK 25", "os": "Linux", "commit": "776ac23"},
                  "command": "./idmap bench", "runs": [{"startedAt": "2026-12-01T00:00:00Z",
                  "loadAverageAtStart": "1 1 1", "loadAverageAtEnd": "2 2 2",
                  "engine": {"wallSeconds": 30, "cpuSeconds": 20, "simulatorCpuSeconds": 5, "peakRssMiB": 684,
                    "sourceEntities": 5000, "requests": {"source": 120},
                    "apiCost": {"source": {"requests": 120, "bulkPages": 100, "minimumBulkPages": 100}}},
                  "baseline": {"wallSeconds": 10, "cpuSeconds": 5, "requests": 120, "bytes": 1000, "inFlight": 4}}]}}}
                """;

        // when
        var results = Benchmarks.JSON.readValue(older, BenchResults.class);
        var markdown = new BenchmarksMarkdown(results, "").render();

        // then the figures it did not have are none, and the engine's database the embedded one
        var engine = results.scenarios().get("jira-1000").runs().getFirst().engine();
        assertThat(engine.childrenCpuSeconds()).isZero();
        assertThat(engine.databaseServerPeakPssMiB()).isZero();
        assertThat(markdown).contains("| 684 (1 run) | embedded | 0 (1 run) |").contains("×5.00 (1 run)");
    }

    private static long cells(String row) {
        return row.chars().filter(c -> c == '|').count();
    }

    private static Run run(double wall, double baselineWall) {
        var cost = new FetchBaseline.SiteCost(120, 100, 100);
        return new Run(
                "2026-12-01T00:00:00Z",
                "1.0 1.0 1.0",
                "2.0 2.0 2.0",
                new Engine(
                        wall,
                        20,
                        5,
                        400,
                        5000,
                        Map.of("source", 120L),
                        Map.of("source", cost),
                        "embedded",
                        10,
                        150,
                        0,
                        0),
                new Baseline(baselineWall, 3, 120, 1_000_000, 4),
                null,
                null);
    }
}
