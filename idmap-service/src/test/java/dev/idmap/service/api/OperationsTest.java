package dev.idmap.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.TestServers;
import org.junit.jupiter.api.Test;

/** Probes and metrics an operator relies on. */
class OperationsTest {

    final Api api = TestServers.withFixedEngine().api();

    @Test
    void liveness_and_readiness_are_public_and_readiness_covers_the_database_and_the_report_store() {
        var liveness = api.get("/actuator/health/liveness", null);
        var readiness = api.get("/actuator/health/readiness", null);

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo(200);
        var components = readiness.json().get("components");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("reportStore").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheus_metrics_count_jobs_by_status_and_time_them() {
        WireContractTest.succeededJob(api, TestServers.ALICE);

        var metrics =
                api.get("/actuator/prometheus", Api.bearer(TestServers.ADMIN)).body();

        assertThat(metrics)
                .contains("idmap_jobs{status=\"PENDING\"}")
                .contains("idmap_jobs{status=\"SUCCESS\"}")
                .contains("idmap_job_duration_seconds_count{status=\"SUCCESS\"}");
    }
}
