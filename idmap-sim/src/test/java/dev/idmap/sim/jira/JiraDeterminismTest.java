package dev.idmap.sim.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives byte-identical ground truth and responses; another seed gives another migration. */
class JiraDeterminismTest {

    static final List<String> DC_PATHS = List.of(
            "/rest/api/2/project",
            "/rest/api/2/search?jql=ORDER%20BY%20id&fields=*all&maxResults=1000",
            "/rest/api/2/user/list",
            "/rest/api/2/field",
            "/rest/agile/1.0/board");
    static final List<String> CLOUD_PATHS = List.of(
            "/rest/api/3/project/search",
            "/rest/api/3/search/jql?jql=id%20%3E%200&fields=*all&maxResults=100",
            "/rest/api/3/users/search",
            "/rest/api/3/statuses/search",
            "/rest/api/3/group/bulk");

    @Test
    void the_same_seed_gives_byte_identical_ground_truth_and_responses(@TempDir Path one, @TempDir Path two)
            throws Exception {
        try (var first = new JiraSites(config(42, one));
                var second = new JiraSites(config(42, two))) {
            assertThat(Files.readAllBytes(first.sim.groundTruthCsv()))
                    .isEqualTo(Files.readAllBytes(second.sim.groundTruthCsv()));
            for (String path : DC_PATHS) {
                assertThat(withoutPorts(first.dc(path).raw().body(), first))
                        .as(path)
                        .isEqualTo(withoutPorts(second.dc(path).raw().body(), second));
            }
            for (String path : CLOUD_PATHS) {
                assertThat(withoutPorts(first.cloud(path).raw().body(), first))
                        .as(path)
                        .isEqualTo(withoutPorts(second.cloud(path).raw().body(), second));
            }
            assertThat(first.sim.sourceCredentials()).isEqualTo(second.sim.sourceCredentials());
        }
    }

    @Test
    void another_seed_gives_another_migration(@TempDir Path one, @TempDir Path two) throws Exception {
        try (var first = new JiraSites(config(42, one));
                var second = new JiraSites(config(43, two))) {
            assertThat(Files.readString(first.sim.groundTruthCsv()))
                    .isNotEqualTo(Files.readString(second.sim.groundTruthCsv()));
        }
    }

    private static SimConfig config(long seed, Path output) {
        return SimConfig.builder(SimProduct.JIRA)
                .seed(seed)
                .outputDirectory(output)
                .build();
    }

    private static String withoutPorts(String body, JiraSites sites) {
        return body.replace(sites.sim.sourceBaseUrl().toString(), "{dc}")
                .replace(sites.sim.destinationBaseUrl().toString(), "{cloud}");
    }
}
