package dev.idmap.service.jobs;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static dev.idmap.testsupport.TestServers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.idmap.service.lookup.LookupTable;
import dev.idmap.service.storage.ReportStore;
import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.MutableClock;
import dev.idmap.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Links live 3600 s, reports 7 days, jobs 30 days (the defaults); past that the documented 404s apply, and the sweeper
 * deletes the files and rows. Time is moved with the server's clock, never slept.
 */
class RetentionTest {

    static TestServers.Running server;
    static Api api;
    static MutableClock clock;

    @BeforeAll
    static void start() {
        server = TestServers.withFixedEngine();
        api = server.api();
        clock = server.bean(MutableClock.class);
    }

    static String succeededJob() {
        var jobId = api.trigger(ALICE).json().get("jobId").asString();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get(BASE + "/" + jobId, bearer(ALICE))
                                .json()
                                .get("status")
                                .asString(),
                        "SUCCESS"::equals);
        return jobId;
    }

    @Test
    void a_download_link_stops_working_after_an_hour() throws Exception {
        var jobId = succeededJob();
        var url = api.get(BASE + "/" + jobId + "/download", bearer(ALICE))
                .json()
                .get("downloadUrl")
                .asString();

        clock.advance(Duration.ofSeconds(3601));

        try (var http = HttpClient.newHttpClient()) {
            var response =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("This download link has expired.");
        }
        assertThat(api.get(BASE + "/" + jobId + "/download", bearer(ALICE)).status())
                .isEqualTo(200);
    }

    @Test
    void after_seven_days_the_report_is_gone_and_the_sweeper_deletes_it() {
        // given
        var jobId = succeededJob();
        var job = server.bean(Jobs.class).find(jobId).orElseThrow();

        // when
        clock.advance(Duration.ofDays(7).plusSeconds(1));

        // then
        var download = api.get(BASE + "/" + jobId + "/download", bearer(ALICE));
        var lookup = api.get(BASE + "/" + jobId + "/mappings?entityType=jira:issue&serverId=20001", bearer(ALICE));
        var status = api.get(BASE + "/" + jobId, bearer(ALICE));
        for (var response : List.of(download, lookup)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("errorMessage").asString())
                    .isEqualTo("Report file not available. The report may have been deleted or expired.");
        }
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("result").get("reportAvailable").asBoolean())
                .isFalse();

        // and when the sweeper runs
        server.bean(Sweeper.class).sweep();

        assertThat(server.bean(ReportStore.class).exists(job.reportKey(false))).isFalse();
        assertThat(server.bean(ReportStore.class).exists(job.reportKey(true))).isFalse();
        assertThat(server.bean(LookupTable.class).count(jobId)).isZero();
    }

    @Test
    void after_thirty_days_the_job_is_not_found_and_the_sweeper_deletes_it() {
        var jobId = succeededJob();

        clock.advance(Duration.ofDays(30).plusSeconds(1));

        var status = api.get(BASE + "/" + jobId, bearer(ALICE));
        assertThat(status.status()).isEqualTo(404);
        assertThat(status.json().get("errorMessage").asString())
                .isEqualTo("Job not found with ID: " + jobId + ". The job ID may be incorrect or expired.");
        server.bean(Sweeper.class).sweep();
        assertThat(server.bean(Jobs.class).find(jobId)).isEmpty();
    }
}
