package dev.idmap.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.core.report.RunSummary;
import dev.idmap.service.jobs.Job;
import dev.idmap.service.jobs.JobProgress;
import dev.idmap.service.jobs.JobResult;
import dev.idmap.service.jobs.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The status body's {@code warnings}: a type not available keeps its shape of before; details of one kind add the
 * number of items and the first few, and say both in the message.
 */
class JobViewWarningsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void a_whole_type_keeps_its_shape_and_details_add_their_count_and_first_items() {
        // given
        var whole = new NotAvailable(
                Side.SOURCE, EntityType.SPRINT, null, "GET /rest/agile/1.0/board", "HTTP 404 (No endpoint)");
        var details = new NotAvailable(
                Side.DESTINATION,
                EntityType.BOARD,
                null,
                "GET /rest/agile/1.0/board/7/configuration",
                "HTTP 403",
                "these boards are matched without their filter",
                12,
                List.of("board 7", "board 8", "board 9", "board 10", "board 11"));
        var job = new Job(
                "job-1",
                "alice",
                Product.JIRA,
                "https://jira.company.com",
                "https://company.atlassian.net",
                T0,
                new JobState.Succeeded(
                        T0,
                        T0.plusSeconds(60),
                        JobProgress.STARTING,
                        new JobResult(
                                new RunSummary(0, 0, 0, 0, Map.of(), List.of(whole, details)),
                                new JobResult.ReportFile(1, "a".repeat(64)),
                                new JobResult.ReportFile(1, "b".repeat(64)))),
                false);
        // when
        var json = JsonMapper.builder().build();
        var warnings =
                json.readTree(json.writeValueAsString(JobView.of(job, true))).get("warnings");
        // then
        assertThat(warnings.size()).isEqualTo(2);
        assertThat(warnings.get(0).propertyNames())
                .containsExactlyInAnyOrder("side", "entityType", "request", "answer", "message");
        var board = warnings.get(1);
        assertThat(board.get("items").asLong()).isEqualTo(12);
        assertThat(board.get("examples").values().stream().map(e -> e.asString()))
                .containsExactly("board 7", "board 8", "board 9", "board 10", "board 11");
        assertThat(board.get("request").asString()).isEqualTo("GET /rest/agile/1.0/board/7/configuration");
        assertThat(board.get("message").asString())
                .isEqualTo("jira/classic/software:rapidView: details are not available on the destination site for 12"
                        + " items (board 7, board 8, board 9, board 10, board 11 and 7 more): e.g. GET"
                        + " /rest/agile/1.0/board/7/configuration answered HTTP 403; these boards are matched without"
                        + " their filter");
    }
}
