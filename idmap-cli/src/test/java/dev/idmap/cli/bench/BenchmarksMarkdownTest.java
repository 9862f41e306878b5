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
