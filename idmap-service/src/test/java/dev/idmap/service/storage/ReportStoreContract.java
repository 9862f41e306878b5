package dev.idmap.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ReportStore} promises, checked against real servers: the local store's links are served by an
 * HTTP endpoint, the S3 store's by a real S3-compatible server. Links are fetched with a plain HTTP client, no
 * credentials.
 */
abstract class ReportStoreContract {

    static final String CSV = "entityType,serverId,cloudId\njira:issue,10001,20001\n";

    @TempDir
    Path temp;

    /** The store under test. */
    abstract ReportStore store();

    /** The base URL idmap would be reached at, for stores that serve links themselves. */
    abstract URI callerBase();

    /** Makes time pass beyond a link's expiry, as the store's checker sees it. */
    abstract void passTime(Duration duration) throws InterruptedException;

    String key() {
        var job = UUID.randomUUID().toString();
        return job + "/idmap-jira-" + job + ".csv";
    }

    Path file(String content) throws Exception {
        return Files.writeString(temp.resolve(UUID.randomUUID() + ".csv"), content);
    }

    static HttpResponse<String> fetch(URI url) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void a_stored_report_can_be_read_back() throws Exception {
        var key = key();

        store().put(key, file(CSV));

        assertThat(store().exists(key)).isTrue();
        try (var in = store().open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes())).isEqualTo(CSV);
        }
    }

    @Test
    void a_link_fetches_the_report_without_credentials_with_its_file_name_and_content_type() throws Exception {
        var key = key();
        store().put(key, file(CSV));

        var link = store().link(key, Duration.ofMinutes(5), callerBase());
        var response = fetch(link);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CSV);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains(ReportStore.fileName(key));
        assertThat(link.getPath()).endsWith("/" + ReportStore.fileName(key));
    }

    @Test
    void a_tampered_link_is_refused() throws Exception {
        var key = key();
        store().put(key, file(CSV));
        var link = store().link(key, Duration.ofMinutes(5), callerBase()).toString();

        var tampered = tamper(link);
        var otherObject = link.replace(".csv?", "x.csv?");

        assertThat(tampered).isNotEqualTo(link);
        assertThat(fetch(URI.create(tampered)).statusCode()).isEqualTo(403);
        assertThat(fetch(URI.create(otherObject)).statusCode()).isEqualTo(403);
    }

    /** Changes the first character of the signature parameter. */
    static String tamper(String link) {
        var at = link.toLowerCase(java.util.Locale.ROOT).indexOf("signature=") + "signature=".length();
        var replacement = link.charAt(at) == 'a' ? 'b' : 'a';
        return link.substring(0, at) + replacement + link.substring(at + 1);
    }

    @Test
    void an_expired_link_is_refused() throws Exception {
        var key = key();
        store().put(key, file(CSV));
        var link = store().link(key, Duration.ofSeconds(1), callerBase());

        passTime(Duration.ofSeconds(3));

        assertThat(fetch(link).statusCode()).isEqualTo(403);
    }

    @Test
    void a_deleted_report_is_gone() throws Exception {
        var key = key();
        store().put(key, file(CSV));

        store().delete(key);
        store().delete(key);

        assertThat(store().exists(key)).isFalse();
        assertThat(store().open(key)).isEmpty();
    }

    @Test
    void storing_again_replaces_the_report() throws Exception {
        var key = key();
        store().put(key, file("old"));

        store().put(key, file(CSV));

        try (var in = store().open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes())).isEqualTo(CSV);
        }
    }

    @Test
    void a_usable_store_passes_its_check() {
        store().check();
    }
}
