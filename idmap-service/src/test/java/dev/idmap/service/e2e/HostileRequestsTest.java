package dev.idmap.service.e2e;

import static dev.idmap.service.e2e.RestartMidJobTest.awaitFinal;
import static dev.idmap.service.e2e.RestartMidJobTest.download;
import static dev.idmap.testsupport.Api.BASE;
import static dev.idmap.testsupport.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.SimulatedMigration;
import dev.idmap.sim.Simulator;
import dev.idmap.testsupport.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign of a few thousand hostile requests, sent over raw sockets so that nothing is tidied on the way, against
 * one server running the real engine on a simulated pair that has finished one job: every method on every path,
 * bad and deeply nested JSON, encoded traversal, oversized request lines and headers, control characters, forged
 * links, other callers' job ids, crossed site pairs, unconfigured and loopback hosts, and seeded random mutations of
 * a valid request. Every answer must be in the envelope with {@code id} = {@code X-Request-Id}, never a 500 nor a
 * stack trace; afterwards no job was created or changed, no request left for the sites and the server is healthy.
 */
class HostileRequestsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static SimulatedMigration sim;
    static TestServers.Running server;
    static String aliceJob;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA));
        var secrets = Files.createTempDirectory("idmap-hostile");
        var sites = new ArrayList<>(SeedWorkflowContract.sitesFor(sim, secrets));
        sites.add(TestServers.site(
                "CONFLUENCE", "wiki-cloud", "https://company-wiki.atlassian.net", "http://127.0.0.1:9", "a", "x"));
        server = TestServers.start("hostile", sites, Map.of());
        var api = server.api();
        aliceJob = api.trigger(TestServers.ALICE).json().get("jobId").asString();
        assertThat(awaitFinal(api, TestServers.ALICE, aliceJob).get("status").asString())
                .isEqualTo("SUCCESS");
    }

    @AfterAll
    static void stop() {
        server.server().close();
        sim.close();
    }

    /** One answer, as parsed from the socket. */
    record Answer(String request, int status, Map<String, String> headers, String body) {}

    @Test
    void thousands_of_hostile_requests_get_the_envelope_and_change_nothing() throws Exception {
        // given
        var api = server.api();
        var jobsBefore = api.get(BASE + "?size=100", bearer(TestServers.ADMIN)).json();
        var reportBefore = download(api, TestServers.ALICE, aliceJob);
        sim.resetRequestCounts();
        var requests = campaign();

        // when
        var byStatus = new TreeMap<Integer, Integer>();
        var problems = new ArrayList<String>();
        for (var request : requests) {
            var answer = send(request);
            byStatus.merge(answer.status(), 1, Integer::sum);
            problems.addAll(check(answer));
        }
        System.out.println("HostileRequestsTest: " + requests.size() + " requests, by status " + byStatus
                + " (-1: HTTP/0.9 answers, a body without status line)");

        // then
        assertThat(problems).as("answers outside the contract").isEmpty();
        assertThat(requests.size()).isGreaterThan(2000);
        assertThat(sim.requestCounts(SimSite.SOURCE).values().stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        + sim.requestCounts(SimSite.DESTINATION).values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .as("requests to the sites")
                .isZero();
        assertThat(api.get(BASE + "?size=100", bearer(TestServers.ADMIN)).json())
                .isEqualTo(jobsBefore);
        assertThat(download(api, TestServers.ALICE, aliceJob)).isEqualTo(reportBefore);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void a_forged_host_header_does_not_forge_the_download_link() throws Exception {
        var answer = send(request(
                "GET", BASE + "/" + aliceJob + "/download", auth(TestServers.ALICE), "Host: evil.example\r\n", null));

        assertThat(answer.status()).isEqualTo(200);
        var link = JSON.readTree(answer.body()).get("downloadUrl").asString();
        assertThat(link).startsWith(server.server().url().replace("127.0.0.1", "127.0.0.1") + "/files/");
        assertThat(link).doesNotContain("evil.example");
        var empty =
                send(request("GET", BASE + "/" + aliceJob + "/download", auth(TestServers.ALICE), "Host: \r\n", null));
        assertThat(empty.status()).isEqualTo(200);
    }

    // --- the campaign

    private static List<byte[]> campaign() {
        var requests = new ArrayList<byte[]>();
        var bob = auth(TestServers.BOB);
        var alice = auth(TestServers.ALICE);
        var job = BASE + "/" + aliceJob;
        var paths = List.of(
                "/",
                BASE,
                BASE + "/trigger",
                job,
                job + "/download",
                job + "/download?format=detailed",
                job + "/cancel",
                job + "/mappings?entityType=jira:issue&serverId=1",
                // (with the configured cloud site this would be a valid JCMA call, which starts a job)
                "/jcma/jira-dc/rest/migration/latest/report/id-mappings?cloudSiteUrl=https://evil.example",
                "/files/" + aliceJob + "/idmap-jira-" + aliceJob + ".csv",
                "/actuator/health",
                "/actuator/prometheus",
                "/actuator/env",
                "/v3/api-docs",
                "/error",
                "/no/such/path");
        var methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO");
        // every method on every path, with no, another caller's and a wrong credential
        for (var path : paths) {
            for (var method : methods) {
                for (var credential : List.of("", bob, auth("wrong-token-0123456789"))) {
                    var body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH") ? "{}" : null;
                    if (!(credential.equals(bob) && path.contains("/cancel") && !method.equals("POST"))) {
                        requests.add(request(method, path, credential, "", body));
                    }
                }
            }
        }
        // bad, odd and deeply nested JSON on the two endpoints that read bodies
        var bodies = List.of(
                "",
                "{",
                "}",
                "null",
                "[]",
                "\"JIRA\"",
                "42",
                "{\"product\":\"JIRA\"",
                "{\"product\":[\"JIRA\"],\"sourceURL\":{},\"destinationURL\":1}",
                "{\"product\":\"jira\",\"sourceURL\":\"https://jira.company.com\",\"destinationURL\":\"https://company.atlassian.net\"}",
                "{\"entityType\":{\"a\":1},\"serverIds\":[\"1\"]}",
                "{\"entityType\":\"jira:issue\",\"serverIds\":[{},[],true,null,1.5]}",
                "{\"entityType\":\"jira:issue\",\"serverIds\":\"1\"}",
                "{\"entityType\":\"jira:issue\",\"serverIds\":[\"1\"],\"cloudIds\":[\"2\"]}",
                "{\"entityType\":\"jira:issue\",\"serverIds\":[99999999999999999999999999]}",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\u0000\"}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"padding\":\"" + "x".repeat(70_000) + "\"}");
        for (var body : bodies) {
            for (var path : List.of(BASE + "/trigger", job + "/mappings")) {
                requests.add(request("POST", path, alice, "", body));
                requests.add(request("POST", path, bob, "", body));
            }
        }
        // triggers naming hosts idmap must never contact, crossed and reversed pairs
        var hosts = List.of(
                "https://127.0.0.1",
                "https://localhost",
                "https://[::1]",
                "https://169.254.169.254",
                "https://evil.example",
                "https://jira.company.com.evil.example",
                "https://jira.company.com@evil.example",
                "http://jira.company.com",
                "https://jira.company.com/",
                "https://jira.company.com:8443",
                "https://company.atlassian.net",
                "https://company-wiki.atlassian.net",
                "file:///etc/passwd",
                "gopher://127.0.0.1:6379/_INFO");
        for (var source : hosts) {
            for (var destination : hosts) {
                if (!(source.equals(TestServers.SOURCE) && destination.equals(TestServers.DESTINATION))) {
                    for (var product : List.of("JIRA", "CONFLUENCE")) {
                        requests.add(
                                request("POST", BASE + "/trigger", bob, "", triggerBody(product, source, destination)));
                    }
                }
            }
        }
        requests.add(request(
                "POST", BASE + "/trigger", bob, "", triggerBody("JIRA", TestServers.DESTINATION, TestServers.SOURCE)));
        requests.add(request(
                "POST",
                BASE + "/trigger",
                bob,
                "",
                triggerBody("JIRA", TestServers.SOURCE, "https://company-wiki.atlassian.net")));
        // encoded traversal and odd ids on every job path
        var ids = List.of(
                "..%2f..%2fetc%2fpasswd",
                "%2e%2e%2f%2e%2e%2f",
                "..;",
                "%00",
                "x%00y",
                "%5c..%5c",
                "%c0%af",
                "%252e%252e",
                "..",
                "%2F",
                "a".repeat(65),
                "'%20or%201=1--",
                "%3Cscript%3E",
                aliceJob.toUpperCase());
        for (var id : ids) {
            for (var suffix : List.of("", "/download", "/cancel", "/mappings?entityType=jira:issue&serverId=1")) {
                for (var credential : List.of(alice, bob)) {
                    var method = suffix.equals("/cancel") ? "POST" : "GET";
                    requests.add(request(
                            method, BASE + "/" + id + suffix, credential, "", method.equals("POST") ? "" : null));
                }
            }
            requests.add(request("GET", "/files/" + id + "/x.csv?expires=1&signature=abc", "", "", null));
        }
        // forged and altered links
        requests.add(request("GET", "/files/" + aliceJob + "/idmap-jira-" + aliceJob + ".csv", "", "", null));
        requests.add(request(
                "GET",
                "/files/" + aliceJob + "/idmap-jira-" + aliceJob + ".csv?expires=99999999999&signature=AAAA",
                "",
                "",
                null));
        requests.add(request(
                "GET",
                "/files/" + aliceJob + "/..%2f..%2fdb%2fidmap.mv.db?expires=99999999999&signature=AAAA",
                "",
                "",
                null));
        // oversized request lines and headers; headers that lie or repeat
        var thousandIds = new StringBuilder(job + "/mappings?entityType=jira:issue");
        for (int i = 0; i < 1001; i++) {
            thousandIds.append("&serverId=").append(10000 + i);
        }
        requests.add(request("GET", thousandIds.toString(), alice, "", null));
        requests.add(request("GET", BASE + "/" + "a".repeat(9000), alice, "", null));
        requests.add(request("GET", BASE, "Authorization: Bearer " + "t".repeat(100_000) + "\r\n", "", null));
        requests.add(request("GET", BASE, alice, "Cookie: " + "c".repeat(9000) + "\r\n", null));
        requests.add(request("GET", BASE, alice, "X-Many: 1\r\n".repeat(300), null));
        requests.add(request("GET", BASE, alice + bob, "", null));
        requests.add(request("GET", BASE, alice + alice, "", null));
        requests.add(request(
                "GET",
                BASE,
                "Authorization: Basic " + Base64.getEncoder().encodeToString("bob@company.com".getBytes()) + "\r\n",
                "",
                null));
        requests.add(request("GET", BASE, "Authorization: Basic %%%\r\n", "", null));
        requests.add(request("GET", BASE, "Authorization: Bearer\r\n", "", null));
        requests.add(request("GET", BASE, alice, "X-Request-Id: a\u0001b\r\n", null));
        requests.add(request("GET", BASE, alice, "X-Request-Id: " + "r".repeat(200) + "\r\n", null));
        requests.add(request("GET", BASE + "?page=107374183&size=20", alice, "", null));
        requests.add(request("GET", BASE + "?page=2147483647&size=100", alice, "", null));
        requests.add(request("GET", BASE + "?page=-1&size=0", alice, "", null));
        requests.add(request("GET", BASE + "?page=99999999999", alice, "", null));
        requests.add(request("GET", BASE + "?status=%00", alice, "", null));
        requests.add(
                request("POST", BASE + "/trigger", alice, "Content-Type: application/json; charset=foobar\r\n", "{}"));
        requests.add(request("POST", BASE + "/trigger", alice, "Content-Type: text/plain\r\n", "{}"));
        requests.add(request(
                "POST", BASE + "/trigger", alice, "Content-Type: application/json\r\nContent-Length: 5\r\n", "{}"));
        requests.add(request(
                "GET",
                "/jcma/jira-dc/rest/migration/latest/report/id-mappings?cloudSiteUrl=https://company.atlassian.net&invalidateCache=yes",
                alice,
                "",
                null));
        requests.add(request("GET", "/jcma/nope/rest/migration/latest/report/id-mappings", alice, "", null));
        requests.add(raw("POST " + BASE + "/trigger HTTP/1.1\r\nHost: x\r\n" + alice
                + "Transfer-Encoding: bogus\r\nConnection: close\r\n\r\n"));
        requests.add(raw("POST " + BASE + "/trigger HTTP/1.1\r\nHost: x\r\n" + alice
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n"));
        requests.add(raw("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
        requests.add(raw("GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"));
        requests.add(raw("GET / HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n"));
        requests.add(raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"));
        requests.add(raw("GET /a b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        requests.add(raw("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\r\n\r\n"));
        // seeded random mutations of a valid request: a byte replaced, inserted or removed somewhere
        var random = new SplittableRandom(12);
        var valid = "GET " + job + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + alice + "Accept: application/json\r\n";
        for (int i = 0; i < 1500; i++) {
            var chars = new StringBuilder(valid);
            int at = random.nextInt(chars.length());
            char c = (char) random.nextInt(0, 256);
            switch (random.nextInt(3)) {
                case 0 -> chars.setCharAt(at, c);
                case 1 -> chars.insert(at, c);
                default -> chars.deleteCharAt(at);
            }
            requests.add(raw(chars + "Connection: close\r\n\r\n"));
        }
        return requests;
    }

    private static String auth(String token) {
        return "Authorization: Bearer " + token + "\r\n";
    }

    private static String triggerBody(String product, String source, String destination) {
        return "{\"product\":\"" + product + "\",\"sourceURL\":\"" + source + "\",\"destinationURL\":\"" + destination
                + "\"}";
    }

    private static byte[] request(String method, String target, String credential, String headers, String body) {
        var text = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        if (!headers.startsWith("Host:")) {
            text.append("Host: 127.0.0.1\r\n");
        }
        text.append(headers).append(credential);
        if (body != null) {
            if (!headers.contains("Content-Type")) {
                text.append("Content-Type: application/json\r\n");
            }
            if (!headers.contains("Content-Length")) {
                text.append("Content-Length: ")
                        .append(body.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n");
            }
        }
        text.append("Connection: close\r\n\r\n");
        if (body != null) {
            text.append(body);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    // --- sending and checking

    private static Answer send(byte[] request) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return parse(describe(request), readAll(socket.getInputStream()));
        } catch (java.net.SocketException e) {
            // the server closed while we were still sending (an oversized request): read what it answered
            return new Answer(describe(request), -1, Map.of(), String.valueOf(e.getMessage()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        var buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what was read is the answer
        }
        return out.toByteArray();
    }

    private static Answer parse(String request, byte[] bytes) {
        var text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(request, -1, Map.of(), text);
        }
        var lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).toLowerCase(),
                    lines[i].substring(colon + 1).strip());
        }
        var body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(
                request,
                status,
                headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String body) {
        var out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size =
                    Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static List<String> check(Answer answer) {
        var problems = new ArrayList<String>();
        var what = answer.request() + " -> " + answer.status() + " " + abbreviate(answer.body());
        if (answer.status() < 0) {
            // a request line without a valid HTTP version is HTTP/0.9 to Tomcat: a body, no status line, no headers
            if (!isEnvelope(answer.body())) {
                problems.add("no HTTP answer: " + what);
            }
            return problems;
        }
        var id = answer.headers().get("x-request-id");
        if (id == null || id.isBlank()) {
            problems.add("no X-Request-Id: " + what);
        }
        if (answer.status() >= 500 && answer.status() != 501 && answer.status() != 505) {
            problems.add("server error: " + what);
        }
        if (answer.body().contains("Exception")
                || answer.body().contains("at dev.idmap")
                || answer.body().contains("<html")) {
            problems.add("stack trace or HTML page: " + what);
        }
        if (answer.status() == 400
                && answer.request().contains(" /jcma/")
                && String.valueOf(answer.headers().get("content-type")).startsWith("text/plain")) {
            // JCMA's own documented answer for an unknown cloud site, kept wire-compatible: text/plain
            if (!answer.body().startsWith("No migrationScopeId found for the cloudSiteUrl")) {
                problems.add("not JCMA's answer: " + what);
            }
            return problems;
        }
        if (answer.status() >= 400) {
            try {
                JsonNode envelope = JSON.readTree(answer.body());
                if (envelope.get("status").asInt() != answer.status()
                        || envelope.get("errorMessage").asString().isBlank()
                        || !envelope.get("id").asString().equals(id)) {
                    problems.add("envelope disagrees: " + what);
                }
            } catch (RuntimeException e) {
                problems.add("not the envelope: " + what);
            }
        }
        return problems;
    }

    private static boolean isEnvelope(String body) {
        try {
            var envelope = JSON.readTree(body);
            return envelope.get("status").asInt() >= 400
                    && !envelope.get("errorMessage").asString().isBlank()
                    && !envelope.get("id").asString().isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String describe(byte[] request) {
        var text = new String(request, StandardCharsets.ISO_8859_1);
        var line = text.contains("\r\n") ? text.substring(0, text.indexOf("\r\n")) : text;
        return abbreviate(line.replaceAll("\\p{Cntrl}", "?"));
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
