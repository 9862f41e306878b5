package dev.idmap.connectors.http;

import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The paging schemes of Atlassian's REST APIs. Each reads one page at a time and hands its items on, so a
 * listing never sits in memory whole. Page sizes asked for are the documented maximums; the size actually used
 * is read back from the echoed {@code maxResults}, because servers cap it silently.
 */
public final class Pages {

    private Pages() {}

    /**
     * Offset paging ({@code startAt}/{@code maxResults}) over the array {@code itemsField} of each page: Jira's
     * {@code PageBean} ({@code isLast}), agile pages, and the older {@code {startAt, maxResults, total, items}}.
     * Stops on {@code isLast}, else when {@code total} is reached, else on a short page. With {@code itemsField}
     * null the page is a bare array, which says nothing of its size cap: paging stops on the first empty page.
     */
    public static void offset(
            SiteClient client,
            String template,
            String path,
            Query query,
            String itemsField,
            int pageSize,
            Consumer<JsonNode> each) {
        offsetFrom(client, template, path, query, itemsField, pageSize, 0, each);
    }

    private static void offsetFrom(
            SiteClient client,
            String template,
            String path,
            Query query,
            String itemsField,
            int pageSize,
            long firstStartAt,
            Consumer<JsonNode> each) {
        long startAt = firstStartAt;
        while (true) {
            var page = client.get(template, path, query.with("startAt", startAt).with("maxResults", pageSize));
            var items = itemsField == null ? page : page.path(itemsField);
            int count = items.size();
            items.forEach(each);
            if (count == 0 || (itemsField != null && isLastOffsetPage(page, startAt, count, pageSize))) {
                return;
            }
            startAt += count;
        }
    }

    /**
     * Like {@link #offset} for an endpoint a site may not have (older versions): a 404 on the first page means
     * "not available here" and returns false.
     */
    public static boolean offsetIfFound(
            SiteClient client,
            String template,
            String path,
            Query query,
            String itemsField,
            int pageSize,
            Consumer<JsonNode> each) {
        var first = client.getIfFound(template, path, query.with("startAt", 0).with("maxResults", pageSize));
        if (first.isEmpty()) {
            return false;
        }
        var items = first.get().path(itemsField);
        items.forEach(each);
        if (!items.isEmpty() && !isLastOffsetPage(first.get(), 0, items.size(), pageSize)) {
            offsetFrom(client, template, path, query, itemsField, pageSize, items.size(), each);
        }
        return true;
    }

    static boolean isLastOffsetPage(JsonNode page, long startAt, int count, int pageSize) {
        if (page.path("isLast").isBoolean()) {
            return page.path("isLast").asBoolean();
        }
        if (page.path("total").isNumber()) {
            return startAt + count >= page.path("total").asLong();
        }
        var echoed =
                page.path("maxResults").isNumber() ? page.path("maxResults").asInt() : pageSize;
        return count < Math.min(echoed, pageSize);
    }

    /**
     * DC {@code /user/list}: {@code {values[], nextCursor, isLast}}; the first call goes without a cursor
     * ({@code firstCursor} null), later ones with the cursor the previous page returned.
     */
    public static void cursor(
            SiteClient client,
            String template,
            String path,
            Query query,
            int pageSize,
            String firstCursor,
            Consumer<JsonNode> each) {
        String cursor = firstCursor;
        while (true) {
            var page = client.get(
                    template, path, query.with("maxResults", pageSize).with("cursor", cursor));
            page.path("values").forEach(each);
            var next = page.path("nextCursor");
            if (page.path("isLast").asBoolean(false)
                    || !next.isValueNode()
                    || next.isNull()
                    || page.path("values").isEmpty()) {
                return;
            }
            cursor = next.asString();
        }
    }
}
