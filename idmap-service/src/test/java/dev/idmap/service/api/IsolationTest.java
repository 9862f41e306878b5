package dev.idmap.service.api;

import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static dev.idmap.testsupport.TestServers.ADMIN;
import static dev.idmap.testsupport.TestServers.ALICE;
import static dev.idmap.testsupport.TestServers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A caller sees only its own jobs; someone else's job is indistinguishable from one that does not exist. */
class IsolationTest {

    static Api api;
    static String alicesJob;

    @BeforeAll
    static void aliceHasAFinishedJob() {
        api = TestServers.withFixedEngine().api();
        alicesJob = WireContractTest.succeededJob(api, ALICE);
    }

    static final String NOT_FOUND = "Job not found with ID: %s. The job ID may be incorrect or expired.";

    @Test
    void another_caller_cannot_see_download_look_up_or_cancel_the_job() {
        var status = api.get(BASE + "/" + alicesJob, bearer(BOB));
        var download = api.get(BASE + "/" + alicesJob + "/download", bearer(BOB));
        var lookup = api.get(BASE + "/" + alicesJob + "/mappings?entityType=jira:issue&serverId=20001", bearer(BOB));
        var batch = api.post(
                BASE + "/" + alicesJob + "/mappings",
                bearer(BOB),
                "{\"entityType\":\"jira:issue\",\"serverIds\":[\"1\"]}");
        var cancel = api.post(BASE + "/" + alicesJob + "/cancel", bearer(BOB), "");

        for (var response : java.util.List.of(status, download, lookup, batch, cancel)) {
            WireContractTest.assertEnvelope(response, 404, NOT_FOUND.formatted(alicesJob));
        }
    }

    @Test
    void another_caller_does_not_list_the_job_but_an_admin_does() {
        var bobs = api.get(BASE + "?size=100", bearer(BOB)).json();
        var admins = api.get(BASE + "?size=100", bearer(ADMIN)).json();

        bobs.get("jobs").forEach(job -> assertThat(job.get("jobId").asString()).isNotEqualTo(alicesJob));
        assertThat(admins.get("jobs").findValuesAsString("jobId")).contains(alicesJob);
    }

    @Test
    void an_admin_sees_downloads_and_looks_up_every_job() {
        assertThat(api.get(BASE + "/" + alicesJob, bearer(ADMIN)).status()).isEqualTo(200);
        assertThat(api.get(BASE + "/" + alicesJob + "/download", bearer(ADMIN)).status())
                .isEqualTo(200);
        assertThat(api.get(BASE + "/" + alicesJob + "/mappings?entityType=jira:issue&cloudId=30001", bearer(ADMIN))
                        .json()
                        .get("mappings"))
                .hasSize(1);
    }

    @Test
    void the_same_trigger_by_two_callers_makes_two_jobs() {
        var body = Api.triggerBody(TestServers.SOURCE, TestServers.DESTINATION);

        var alices = api.trigger(ALICE, body).json().get("jobId").asString();
        var bobs = api.trigger(BOB, body).json().get("jobId").asString();

        assertThat(bobs).isNotEqualTo(alices);
    }
}
