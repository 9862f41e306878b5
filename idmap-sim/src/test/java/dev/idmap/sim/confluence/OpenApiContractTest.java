package dev.idmap.sim.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must catch what the conformance tests rely on it to catch. */
class OpenApiContractTest {

    static final OpenApiContract V2 =
            OpenApiContract.load("confluence-cloud-v2.json", "/wiki/api/v2", List.of(), List.of());
    static final OpenApiContract V1 = OpenApiContract.load("confluence-cloud-v1-2021.json", "", List.of(), List.of());

    @Test
    void a_conforming_page_list_passes() {
        // given
        String body = "{\"results\":[{\"id\":\"1\",\"status\":\"current\",\"title\":\"t\",\"spaceId\":\"2\","
                + "\"createdAt\":\"2024-01-01T00:00:00.000Z\",\"version\":{\"number\":1}}],\"_links\":{}}";
        // then
        assertThat(V2.violations("/wiki/api/v2/pages", 200, body)).isEmpty();
    }

    @Test
    void a_wrong_type_an_unknown_enum_value_and_a_bad_date_are_caught() {
        // given
        String body = "{\"results\":[{\"id\":1,\"status\":\"bogus\",\"createdAt\":\"yesterday\"}]}";
        // when
        List<String> violations = V2.violations("/wiki/api/v2/pages", 200, body);
        // then
        assertThat(violations)
                .anyMatch(v -> v.contains("$.results[0].id") && v.contains("expected string"))
                .anyMatch(v -> v.contains("$.results[0].status") && v.contains("is not one of"))
                .anyMatch(v -> v.contains("$.results[0].createdAt") && v.contains("date-time"));
    }

    @Test
    void a_missing_required_property_and_an_undocumented_status_are_caught() {
        // given: v1 groups require start, limit, size, _links
        String body = "{\"results\":[{\"type\":\"group\",\"name\":\"x\"}]}";
        // then
        assertThat(V1.violations("/wiki/rest/api/group", 200, body)).anyMatch(v -> v.contains("'start'"));
        assertThat(V2.violations("/wiki/api/v2/pages", 418, "{}"))
                .singleElement()
                .asString()
                .contains("418");
    }

    @Test
    void paths_resolve_to_the_most_literal_operation() {
        assertThat(V2.operationPath("/wiki/api/v2/pages/42/footer-comments")).hasValue("/pages/{id}/footer-comments");
        assertThat(V2.operationPath("/wiki/api/v2/footer-comments/42/children"))
                .hasValue("/footer-comments/{id}/children");
        assertThat(V2.operationPath("/rest/api/space")).isEmpty();
    }
}
