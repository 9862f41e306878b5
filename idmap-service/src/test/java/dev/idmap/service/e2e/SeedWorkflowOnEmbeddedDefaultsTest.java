package dev.idmap.service.e2e;

import dev.idmap.testsupport.TestServers;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** The documented workflow on embedded defaults: H2 file database, local report files, links signed by idmap. */
class SeedWorkflowOnEmbeddedDefaultsTest extends SeedWorkflowContract {

    @BeforeAll
    static void start() throws Exception {
        var sites = simulatedSites(Files.createTempDirectory("idmap-sim-secrets"));
        server = TestServers.start("embedded-e2e", sites, Map.of());
    }
}
