package dev.idmap.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.sim.http.RateLimit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimMainTest {

    @Test
    void every_option_reaches_the_configuration() {
        // when
        SimConfig config = SimMain.parse(new String[] {
            "--product",
            "jira",
            "--seed",
            "7",
            "--scale",
            "medium,projects=5",
            "--latency-ms",
            "20",
            "--rate-limit",
            "10/2.5",
            "--fault-rate",
            "0.1",
            "--output",
            "/tmp/x"
        });
        // then
        assertThat(config.product()).isEqualTo(SimProduct.JIRA);
        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.scale().base()).isEqualTo("medium");
        assertThat(config.scale().overrides()).containsEntry("projects", 5L);
        assertThat(config.latency()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.rateLimit()).contains(new RateLimit(10, 2.5));
        assertThat(config.faultRate()).isEqualTo(0.1);
        assertThat(config.outputDirectory()).contains(Path.of("/tmp/x"));
    }

    @Test
    void bad_arguments_are_refused_with_a_reason() {
        assertThatThrownBy(() -> SimMain.parse(new String[] {"--seed", "1"})).hasMessageContaining("--product");
        assertThatThrownBy(() -> SimMain.parse(new String[] {"--product", "JIRA", "--seed", "x"}))
                .hasMessageContaining("number");
        assertThatThrownBy(() -> SimMain.parse(new String[] {"--product", "JIRA", "--bogus", "1"}))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> SimMain.parse(new String[] {"--product", "JIRA", "--scale", "huge"}))
                .hasMessageContaining("small, medium or large");
    }

    @Test
    void the_description_names_urls_credentials_and_the_ground_truth(@TempDir Path output) {
        SimConfig config = SimMain.parse(new String[] {"--product", "JIRA", "--output", output.toString()});
        var text = new ByteArrayOutputStream();
        try (SimulatedMigration sim = Simulator.start(config)) {
            SimMain.describe(sim, config, new PrintStream(text, true, StandardCharsets.UTF_8));
            String printed = text.toString(StandardCharsets.UTF_8);
            assertThat(printed)
                    .contains(sim.sourceBaseUrl().toString())
                    .contains(sim.destinationBaseUrl().toString())
                    .contains(sim.sourceCredentials().secret())
                    .contains(sim.destinationCredentials().login())
                    .contains(output.resolve("jira-ground-truth-seed42.csv").toString());
        }
    }
}
