package dev.idmap.service.jobs;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static org.awaitility.Awaitility.await;

import dev.idmap.core.engine.MappingEngine;
import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.FixedReportEngine;
import dev.idmap.testsupport.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** At most {@code idmap.jobs.concurrency} (default 2) jobs run at once on a node; the others wait as PENDING. */
class BoundedConcurrencyTest {

    @Test
    void a_third_job_stays_pending_while_two_run_and_starts_when_one_ends() {
        // given
        var server = TestServers.withFixedEngine();
        var api = server.api();
        var engine = (FixedReportEngine) server.bean(MappingEngine.class);
        var body = Api.triggerBody(TestServers.SLOW_SOURCE, TestServers.DESTINATION);
        engine.hold(TestServers.SLOW_CONNECT);
        try {
            // when
            var jobs = Map.of(
                    TestServers.ALICE,
                            api.trigger(TestServers.ALICE, body)
                                    .json()
                                    .get("jobId")
                                    .asString(),
                    TestServers.BOB,
                            api.trigger(TestServers.BOB, body)
                                    .json()
                                    .get("jobId")
                                    .asString(),
                    TestServers.ADMIN,
                            api.trigger(TestServers.ADMIN, body)
                                    .json()
                                    .get("jobId")
                                    .asString());

            // then
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> statuses(api, jobs),
                            s -> s.stream().filter("IN_PROGRESS"::equals).count() == 2);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(
                            () -> statuses(api, jobs),
                            s -> s.contains("PENDING")
                                    && s.stream().filter("IN_PROGRESS"::equals).count() == 2);
        } finally {
            engine.release(TestServers.SLOW_CONNECT);
        }
        // and all three finish once the engine is released
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(BASE + "?status=PENDING", bearer(TestServers.ADMIN))
                                        .json()
                                        .get("total")
                                        .asLong()
                                == 0
                        && api.get(BASE + "?status=IN_PROGRESS", bearer(TestServers.ADMIN))
                                        .json()
                                        .get("total")
                                        .asLong()
                                == 0);
    }

    static List<String> statuses(Api api, Map<String, String> jobs) {
        return jobs.entrySet().stream()
                .map(e -> api.get(BASE + "/" + e.getValue(), bearer(e.getKey()))
                        .json()
                        .get("status")
                        .asString())
                .toList();
    }
}
