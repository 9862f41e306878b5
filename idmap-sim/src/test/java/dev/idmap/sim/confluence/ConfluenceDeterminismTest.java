package dev.idmap.sim.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfluenceDeterminismTest {

    @Test
    void the_same_seed_gives_the_same_ground_truth_byte_for_byte(@TempDir Path dir) throws Exception {
        // given
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        // when
        ConfluenceScenario.generate(7, ConfluenceSize.SMALL).groundTruth().writeCsv(first);
        ConfluenceScenario.generate(7, ConfluenceSize.SMALL).groundTruth().writeCsv(second);
        // then
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void another_seed_gives_other_ids_and_names(@TempDir Path dir) throws Exception {
        // given
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        // when
        ConfluenceScenario.generate(7, ConfluenceSize.SMALL).groundTruth().writeCsv(first);
        ConfluenceScenario.generate(8, ConfluenceSize.SMALL).groundTruth().writeCsv(second);
        // then
        assertThat(Files.readString(first)).isNotEqualTo(Files.readString(second));
    }

    @Test
    void two_runs_of_the_same_seed_serve_the_same_answers() {
        // given
        var config = SimConfig.builder(SimProduct.CONFLUENCE).seed(11).build();
        try (var one = ConfluenceSites.aMigration(config);
                var two = ConfluenceSites.aMigration(config)) {
            for (String path : new String[] {
                "/rest/api/content?type=page&limit=50&expand=history,version,ancestors",
                "/rest/api/content/scan?type=comment&limit=30&expand=history,ancestors",
                "/rest/api/user/list"
            }) {
                // when
                String a = withoutPort(one.dc(path).body());
                String b = withoutPort(two.dc(path).body());
                // then
                assertThat(a).isEqualTo(b);
            }
            for (String path :
                    new String[] {"/wiki/api/v2/pages?limit=100", "/wiki/api/v2/footer-comments?limit=100"}) {
                assertThat(withoutPort(one.cloud(path).body()))
                        .isEqualTo(withoutPort(two.cloud(path).body()));
            }
        }
    }

    private static String withoutPort(String body) {
        return body.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
    }
}
