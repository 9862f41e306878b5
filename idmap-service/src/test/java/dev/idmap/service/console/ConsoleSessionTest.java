package dev.idmap.service.console;

import static dev.idmap.testsupport.Api.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.testsupport.Api;
import dev.idmap.testsupport.TestServers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's session, over plain HTTP as a browser sends it: the same credentials as the API, a session cookie
 * confined to {@code /console}, a CSRF token on every form, and no way for the cookie to stand in for API
 * credentials.
 */
class ConsoleSessionTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static String url;

    @BeforeAll
    static void start() {
        url = TestServers.withFixedEngine().server().url();
    }

    /** A browser: keeps cookies, does not follow redirects (so they can be checked). */
    record Browser(HttpClient http) {
        static Browser open() {
            return new Browser(HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build());
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String path) throws Exception {
            var matcher = CSRF.matcher(get(path).body());
            assertThat(matcher.find()).as("a CSRF token in the form of " + path).isTrue();
            return matcher.group(1);
        }

        HttpResponse<String> signIn(String user, String secret) throws Exception {
            return post(
                    "/console/login",
                    "username=" + encode(user) + "&password=" + encode(secret) + "&_csrf="
                            + encode(csrf("/console/login")));
        }
    }

    @Test
    void a_caller_signs_in_with_its_name_and_api_token_and_gets_a_cookie_for_the_console_only() throws Exception {
        // given
        var browser = Browser.open();

        // when
        var signIn = browser.signIn("alice", TestServers.ALICE);

        // then
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/console/jobs");
        assertThat(signIn.headers().allValues("Set-Cookie"))
                .anyMatch(cookie -> cookie.startsWith("IDMAP_CONSOLE=")
                        && cookie.contains("Path=/console")
                        && cookie.contains("HttpOnly")
                        && cookie.contains("SameSite=Strict"));
        var jobs = browser.get("/console/jobs");
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.body()).contains("Signed in as <strong>alice</strong>");
        assertThat(jobs.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'");
    }

    @Test
    void a_person_opening_idmaps_address_is_sent_to_the_console() throws Exception {
        // when
        var root = Browser.open()
                .http()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/"))
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/console/jobs");
    }

    @Test
    void wrong_secrets_and_unknown_names_are_refused() throws Exception {
        // when
        var wrongToken = Browser.open().signIn("alice", "not-alice-token");
        var tokenOfAnother = Browser.open().signIn("alice", TestServers.BOB);
        var basicUserWithToken = Browser.open().signIn(TestServers.BOB_USER, TestServers.ALICE);

        // then
        for (var refused : java.util.List.of(wrongToken, tokenOfAnother, basicUserWithToken)) {
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");
        }
    }

    @Test
    void forms_posted_without_the_csrf_token_are_refused() throws Exception {
        // given
        var browser = Browser.open();
        browser.signIn("alice", TestServers.ALICE);
        var api = new Api(url);
        var jobsBefore =
                api.get(BASE, Api.bearer(TestServers.ALICE)).json().get("total").asLong();

        // when
        var trigger = browser.post("/console/trigger", "product=JIRA&source=jira-slow&destination=jira-cloud");
        var signIn = Browser.open().post("/console/login", "username=alice&password=" + TestServers.ALICE);

        // then
        assertThat(trigger.statusCode()).isEqualTo(403);
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(api.get(BASE, Api.bearer(TestServers.ALICE))
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(jobsBefore);
    }

    @Test
    void the_console_cookie_is_no_api_credential() throws Exception {
        // given
        var browser = Browser.open();
        browser.signIn("alice", TestServers.ALICE);

        // when
        var api = browser.get(BASE);

        // then
        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void a_caller_sees_only_its_own_jobs_in_the_console() throws Exception {
        // given a job of alice's
        var jobId = new Api(url).trigger(TestServers.ALICE).json().get("jobId").asString();
        var bob = Browser.open();
        bob.signIn(TestServers.BOB_USER, TestServers.BOB_PASSWORD);
        var admin = Browser.open();
        admin.signIn("admin", TestServers.ADMIN);

        // when
        var bobsView = bob.get("/console/jobs/" + jobId);
        var bobsProgress = bob.get("/console/jobs/" + jobId + "/progress");
        var adminsView = admin.get("/console/jobs/" + jobId);

        // then
        assertThat(bobsView.statusCode()).isEqualTo(404);
        assertThat(bobsView.body()).contains("was not found").doesNotContain("jira.company.com");
        assertThat(bobsProgress.statusCode()).isEqualTo(404);
        assertThat(bob.get("/console/jobs").body()).doesNotContain(jobId.substring(0, 8));
        assertThat(adminsView.statusCode()).isEqualTo(200);
        assertThat(adminsView.body()).contains(jobId).contains("alice");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
