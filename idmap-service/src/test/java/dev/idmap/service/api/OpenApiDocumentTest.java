package dev.idmap.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the server serves ({@code /v3/api-docs}, generated from the controllers) is the one committed
 * as {@code docs/openapi.json}. After an intended API change, refresh the file with
 * {@code ./build -pl idmap-service test -Dtest=OpenApiDocumentTest -Didmap.openapi.update=true}.
 */
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    @Test
    void the_served_document_is_the_committed_one() throws Exception {
        // given
        var served = TestServers.withFixedEngine().api().get("/v3/api-docs", null);
        assertThat(served.status()).isEqualTo(200);
        var json = JsonMapper.builder().build();
        var pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(served.body())) + "\n";
        if (Boolean.getBoolean("idmap.openapi.update")) {
            Files.writeString(COMMITTED, pretty);
        }

        // then
        assertThat(COMMITTED)
                .as("docs/openapi.json (see this test's comment to refresh it)")
                .exists();
        assertThat(json.readTree(Files.readString(COMMITTED))).isEqualTo(json.readTree(served.body()));
        assertThat(served.body())
                .contains("/migrations/reports/v1/id-mappings/trigger")
                .doesNotContain("/test-only");
    }
}
