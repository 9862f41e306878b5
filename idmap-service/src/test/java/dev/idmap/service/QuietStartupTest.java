package dev.idmap.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A start on the embedded defaults (what {@code ./idmap serve} and {@code ./idmap demo} do) logs no library warning
 * an operator can do nothing about: db-scheduler's "no database-specific jdbc-overrides" (UTC) notice, springdoc's
 * "enabled by default", Flyway's "H2 newer than verified".
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietStartupTest {

    static final List<String> NOISY = List.of(
            "c.g.k.s.j.A", // com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization (abbreviated)
            "AutodetectJdbcCustomization",
            "SpringDocAppInitializer",
            "o.f.c.internal.database.base.Database",
            "org.flywaydb");

    @Test
    void the_service_starts_on_embedded_defaults_without_library_warnings(CapturedOutput output) {
        // when
        var server = TestServers.start(
                "quiet",
                List.of(
                        TestServers.site("jira-dc", TestServers.SOURCE, "http://127.0.0.1:9"),
                        TestServers.site("jira-cloud", TestServers.DESTINATION, "http://127.0.0.1:9")),
                Map.of());
        try {
            // then
            var warnings = output.getAll()
                    .lines()
                    .filter(line -> line.contains(" WARN "))
                    .filter(line -> NOISY.stream().anyMatch(line::contains))
                    .toList();
            assertThat(output.getAll()).as("the server started and logged").contains("Tomcat started on port");
            assertThat(warnings).isEmpty();
        } finally {
            server.server().close();
        }
    }
}
