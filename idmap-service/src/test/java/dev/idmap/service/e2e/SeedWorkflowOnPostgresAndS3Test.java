package dev.idmap.service.e2e;

import dev.idmap.testsupport.S3ProxyServer;
import dev.idmap.testsupport.TestPostgres;
import dev.idmap.testsupport.TestServers;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The documented workflow scaled out: PostgreSQL (the real local server) and S3-compatible storage (S3Proxy). */
class SeedWorkflowOnPostgresAndS3Test extends SeedWorkflowContract {

    static S3ProxyServer s3;
    static String databaseUrl;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start();
        s3.createBucket("idmap-reports");
        databaseUrl = TestPostgres.freshSchemaUrl();
        var sites = simulatedSites(Files.createTempDirectory("idmap-sim-secrets"));
        server = TestServers.start(
                "postgres-s3-e2e",
                sites,
                Map.of(
                        "idmap.database.url",
                        databaseUrl,
                        "idmap.database.username",
                        TestPostgres.USER,
                        "idmap.database.password",
                        TestPostgres.PASSWORD,
                        "idmap.storage.type",
                        "S3",
                        "idmap.storage.s3.endpoint",
                        s3.endpoint().toString(),
                        "idmap.storage.s3.region",
                        S3ProxyServer.REGION,
                        "idmap.storage.s3.bucket",
                        "idmap-reports",
                        "idmap.storage.s3.path-style",
                        "true",
                        "idmap.storage.s3.access-key-id",
                        S3ProxyServer.ACCESS_KEY,
                        "idmap.storage.s3.secret-access-key",
                        S3ProxyServer.SECRET_KEY));
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.server().close();
            server = null;
        }
        if (s3 != null) {
            s3.close();
        }
        if (databaseUrl != null) {
            TestPostgres.dropSchemaOf(databaseUrl);
        }
    }
}
