package dev.idmap.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class AnswerJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void an_answer_reads_as_its_full_tree_without_the_presentation_members_at_any_depth() throws IOException {
        for (var body : List.of(
                """
                {"expand": "names", "self": "http://jira/rest/api/2/search", "startAt": 0, "total": 2,
                 "issues": [
                   {"id": "10000", "self": "http://jira/rest/api/2/issue/10000", "key": "BOR-1",
                    "fields": {"status": {"self": "x", "iconUrl": "http://jira/s.png", "id": "3",
                                          "statusCategory": {"self": "y", "id": 2, "key": "new"}},
                               "attachment": [{"id": "1", "size": 426801, "author": {"name": "ann",
                                   "avatarUrls": {"48x48": "a", "16x16": "b"}, "self": "z", "active": true}}],
                               "resolution": null, "ratio": 0.25, "big": 123456789012345678901234567890,
                               "long": 9007199254740993, "nested": [[{"self": 1, "keep": [1, 2, {"iconUrl": []}]}]]}}
                 ],
                 "_links": {"self": "s", "next": "/rest/api/content?start=25", "base": "http://confluence"}}
                """,
                "[{\"self\": 1}, {\"a\": {\"self\": {\"deep\": [1]}}}, 3, \"self\", null]",
                "{\"self\": \"only\"}",
                "\"a string\"",
                "42",
                "[1.5e300, -0.0, 1e-7, -2147483649, 2147483647, [], {}]",
                "{\"dup\": 1, \"dup\": {\"self\": 2}}")) {
            assertThat(AnswerJson.read(body(body))).as(body).isEqualTo(withoutUnread(JSON.readTree(body)));
        }
    }

    @Test
    void an_empty_or_malformed_answer_is_a_missing_tree() throws IOException {
        for (var body :
                List.of("", "<html>Search limit exceeded</html>", "{\"a\": [1, 2", "{\"self\": }", "{} {}", "[1] x")) {
            assertThat(AnswerJson.read(body(body)).isMissingNode()).as(body).isTrue();
        }
        assertThat(AnswerJson.read(InputStream.nullInputStream()).isMissingNode())
                .isTrue();
    }

    @Test
    void a_connection_that_fails_while_the_body_is_read_is_an_io_failure_not_a_body_that_is_not_json() {
        var failing = new SequenceInputStream(
                new ByteArrayInputStream(bytes("{\"issues\": [{\"id\": \"1\"}, ")), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });
        assertThatThrownBy(() -> AnswerJson.read(failing))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void the_items_of_a_streamed_page_are_handed_on_one_by_one_and_the_rest_of_the_page_is_kept() throws IOException {
        var page = """
                {"startAt": 0, "self": "http://jira/rest/api/2/search", "issues": [
                   {"id": "1", "self": "http://jira/rest/api/2/issue/1", "fields": {"comment": {"comments": [{"id": "7"}]}}},
                   {"id": "2", "fields": {"assignee": {"name": "ann", "avatarUrls": {"48x48": "a"}}}},
                   3, [4]],
                 "total": 4, "nested": {"issues": [5]}}
                """;
        var handedOn = new ArrayList<JsonNode>();
        var items = new StreamedItems("issues", handedOn::add);
        items.startAnswer();

        var rest = AnswerJson.read(body(page), items);

        assertThat(handedOn)
                .containsExactlyElementsOf(withoutUnread(JSON.readTree(page).path("issues")));
        assertThat(items.inAnswer()).isEqualTo(4);
        assertThat(rest)
                .isEqualTo(
                        JSON.readTree("{\"startAt\": 0, \"issues\": [], \"total\": 4, \"nested\": {\"issues\": [5]}}"));
    }

    @Test
    void an_answer_asked_for_again_hands_on_only_the_items_after_those_handed_on_before() throws IOException {
        var handedOn = new ArrayList<String>();
        var items = new StreamedItems("values", item -> handedOn.add(item.asString()));
        var broken = new SequenceInputStream(
                new ByteArrayInputStream(bytes("{\"values\": [\"a\", \"b\", ")), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });
        items.startAnswer();
        assertThatThrownBy(() -> AnswerJson.read(broken, items)).isInstanceOf(IOException.class);

        items.startAnswer();
        AnswerJson.read(body("{\"values\": [\"a\", \"b\", \"c\", \"d\"], \"isLast\": true}"), items);

        assertThat(handedOn).containsExactly("a", "b", "c", "d");
        assertThat(items.inAnswer()).isEqualTo(4);
    }

    @Test
    void no_connector_reads_a_member_the_answers_leave_out() throws IOException {
        try (var sources = Files.walk(Path.of("src/main/java"))) {
            var readers = sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("AnswerJson.java"))
                    .filter(p -> {
                        var text = read(p);
                        return AnswerJson.UNREAD.stream().anyMatch(name -> text.contains("\"" + name + "\""));
                    })
                    .toList();
            assertThat(readers)
                    .as("sources naming a member AnswerJson leaves out")
                    .isEmpty();
        }
    }

    private static JsonNode withoutUnread(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var copy = JSON.createObjectNode();
            object.properties().forEach(e -> {
                if (!AnswerJson.UNREAD.contains(e.getKey())) {
                    copy.set(e.getKey(), withoutUnread(e.getValue()));
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode array) {
            var copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(withoutUnread(element)));
            return copy;
        }
        return node;
    }

    private static InputStream body(String body) {
        return new ByteArrayInputStream(bytes(body));
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
