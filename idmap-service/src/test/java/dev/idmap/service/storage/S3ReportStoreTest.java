package dev.idmap.service.storage;

import dev.idmap.testsupport.S3ProxyServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The S3 store against a real S3-compatible server (S3Proxy, in-process), path-style, with presigned links. */
class S3ReportStoreTest extends ReportStoreContract {

    static S3ProxyServer s3;
    static ReportStore store;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        store = s3.reportStore("contract-test");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Override
    ReportStore store() {
        return store;
    }

    @Override
    URI callerBase() {
        return URI.create("http://127.0.0.1:1"); // not used by presigned links
    }

    @Override
    void passTime(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis()); // the S3 server checks expiry against its own clock
    }
}
