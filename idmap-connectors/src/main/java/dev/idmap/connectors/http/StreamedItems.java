package dev.idmap.connectors.http;

import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The items of one page, the elements of its array member {@link #field()}, handed on one at a time as they are
 * parsed. An answer that breaks off in the middle is asked for again; the items of the new answer that were
 * handed on before are skipped, so each is handed on once (a listing answers the same request with its items in
 * the same order).
 *
 * <p>Not thread-safe: one request's, on the thread that sends it.
 */
final class StreamedItems {

    /** Whether this thread is handing items on: a request sent now would wait for the permits of the page read. */
    private static final ThreadLocal<Boolean> HANDING_ON = ThreadLocal.withInitial(() -> false);

    private final String field;
    private final Consumer<JsonNode> each;
    /** Items handed on, over every answer to this request. */
    private int handedOn;
    /** Items of the answer being read. */
    private int inAnswer;

    StreamedItems(String field, Consumer<JsonNode> each) {
        this.field = field;
        this.each = each;
    }

    String field() {
        return field;
    }

    void startAnswer() {
        inAnswer = 0;
    }

    void parsed(JsonNode item) {
        if (inAnswer++ >= handedOn) {
            handedOn++;
            HANDING_ON.set(true);
            try {
                each.accept(item);
            } finally {
                HANDING_ON.set(false);
            }
        }
    }

    /** Whether the calling thread is inside a consumer of streamed items (see {@link SiteClient#getStreamed}). */
    static boolean handingOnHere() {
        return HANDING_ON.get();
    }

    /** The items of the last answer read, those handed on before included. */
    int inAnswer() {
        return inAnswer;
    }
}
