package dev.idmap.service.storage;

import dev.idmap.testsupport.MutableClock;
import dev.idmap.testsupport.TestServers;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;

/** The local store, its links served by the running idmap server that owns it. */
class LocalReportStoreTest extends ReportStoreContract {

    static TestServers.Running server;

    @BeforeAll
    static void start() {
        server = TestServers.withFixedEngine();
    }

    @Override
    ReportStore store() {
        return server.bean(ReportStore.class);
    }

    @Override
    URI callerBase() {
        return URI.create(server.server().url());
    }

    @Override
    void passTime(Duration duration) {
        server.bean(MutableClock.class).advance(duration);
    }
}
