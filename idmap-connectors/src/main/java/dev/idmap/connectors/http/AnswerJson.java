package dev.idmap.connectors.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A site's answer as a JSON tree without the members that are presentation, never data: {@code self} links,
 * {@code avatarUrls} and {@code iconUrl}s, at every depth. They are most of a Jira search page (a user object is
 * mostly avatar links: a 1,000-issue page of 5.7 MB holds 2.2 MB without them); the parser skips them without
 * building their strings or nodes (on one recorded page, one thread: 437–641 ms against 586–891 ms for 40 parses;
 * the engine's heap after a collection peaked at 159 MB instead of 347 MB with the streamed bodies, benchmarks/
 * CHANGES.md). Jackson's own {@code FilteringParserDelegate} leaves the same
 * tree, but its per-token checks cost what the skipping saves. No crawler reads these members
 * ({@code AnswerJsonTest} holds the connectors to that).
 *
 * <p>The items of a page can be handed on one by one as they are parsed ({@link StreamedItems}), so that only one
 * item's tree is held, never the page's: with Jira's search pages streamed so, the engine's heap after a collection
 * peaked at 16 MB instead of 187 MB at 100,000 issues (benchmarks/CHANGES.md, session 10).
 */
final class AnswerJson {

    /** Member names that are left out of every answer's tree. */
    static final Set<String> UNREAD = Set.of("self", "avatarUrls", "iconUrl");

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnswerJson() {}

    /**
     * The body's tree without the {@link #UNREAD} members, read as it arrives, never held whole (a missing node when
     * it is empty or not one JSON value): a page of several megabytes would otherwise be one
     * array, allocated outside the collector's regions, and each such allocation may start a concurrent marking of
     * the whole heap.
     *
     * @throws IOException when the connection fails while the body is read
     */
    static JsonNode read(InputStream body) throws IOException {
        return read(body, null);
    }

    /**
     * Like {@link #read(InputStream)}, handing the elements of the top-level array member {@code items.field()} to
     * {@code items} one at a time as each is parsed; that member stays in the tree as an empty array. A page's
     * tree is then never held whole, only one item's.
     */
    static JsonNode read(InputStream body, StreamedItems items) throws IOException {
        try (var parser = JSON.createParser(body)) {
            var first = parser.nextToken();
            if (first == null) {
                return JSON.missingNode();
            }
            var tree =
                    items != null && first == JsonToken.START_OBJECT ? topObject(parser, items) : value(parser, first);
            return parser.nextToken() == null ? tree : JSON.missingNode();
        } catch (JacksonIOException e) {
            throw e.getCause();
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    /** The answer's top-level object, its member {@code items.field()} handed on element by element. */
    private static JsonNode topObject(JsonParser parser, StreamedItems items) {
        var object = NODES.objectNode();
        for (var name = parser.nextName(); name != null; name = parser.nextName()) {
            var member = parser.nextToken();
            if (UNREAD.contains(name)) {
                parser.skipChildren();
            } else if (name.equals(items.field()) && member == JsonToken.START_ARRAY) {
                for (var element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                    items.parsed(value(parser, element));
                }
                object.set(name, NODES.arrayNode());
            } else {
                object.set(name, value(parser, member));
            }
        }
        return object;
    }

    /** The value that starts at {@code token}, the nodes Jackson's own tree reader makes for it. */
    private static JsonNode value(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> {
                var object = NODES.objectNode();
                for (var name = parser.nextName(); name != null; name = parser.nextName()) {
                    var member = parser.nextToken();
                    if (UNREAD.contains(name)) {
                        parser.skipChildren();
                    } else {
                        object.set(name, value(parser, member));
                    }
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = NODES.arrayNode();
                for (var element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                    array.add(value(parser, element));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("unexpected " + token + " in a JSON value");
        };
    }
}
