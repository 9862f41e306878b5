package dev.idmap.connectors.confluence;

import dev.idmap.connectors.http.Query;
import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The paging schemes of Confluence's REST APIs. Every listing reads one page at a time and hands its items on.
 * The first request asks for the documented (or largest useful) page size; the following ones are the links the
 * site itself returns, which carry the size it actually applied, so a silently capped {@code limit} is followed
 * rather than fought.
 *
 * <ul>
 *   <li>Data Center and Cloud v1 offset paging: {@code {results, start, limit, size, _links{base, next?}}}, where
 *       {@code next} is relative to {@code _links.base} (the site's base URL, Cloud: {@code …/wiki});
 *   <li>Cloud v2 cursor paging: {@code {results, _links{next?, base}}}, where {@code next} is relative to the host;
 *   <li>Data Center {@code /rest/api/content/scan}: {@code {results, nextCursor?, limit, size}}.
 * </ul>
 */
public final class ConfluencePages {

    /** Where a {@code _links.next} is relative to, as a path prefix below the configured base URL. */
    public enum NextLinks {
        /** Data Center: relative to {@code _links.base}, which is the configured base URL (context included). */
        DATA_CENTER(""),
        /** Cloud v1 under {@code /wiki/rest/api}: relative to {@code _links.base}, the site's {@code /wiki}. */
        CLOUD_V1("/wiki"),
        /** Cloud v2 under {@code /wiki/api/v2}: relative to the host, {@code /wiki} included. */
        CLOUD_V2("");

        private final String prefix;

        NextLinks(String prefix) {
            this.prefix = prefix;
        }
    }

    private ConfluencePages() {}

    /**
     * Reads {@code path?query}, then every page its {@code _links.next} chain names, handing each item of
     * {@code results} to {@code each}. Requests are counted under {@code template}.
     */
    public static void follow(
            SiteClient client, String template, String path, Query query, NextLinks links, Consumer<JsonNode> each) {
        followFrom(client, template, client.get(template, path, query), links, each);
    }

    /**
     * Like {@link #follow} for an endpoint a site may not have (older versions): a 404 on the first page means
     * "not available here" and returns false.
     */
    public static boolean followIfFound(
            SiteClient client, String template, String path, Query query, NextLinks links, Consumer<JsonNode> each) {
        var first = client.getIfFound(template, path, query);
        first.ifPresent(page -> followFrom(client, template, page, links, each));
        return first.isPresent();
    }

    /** Follows the {@code _links.next} chain from a page already read. */
    public static void followFrom(
            SiteClient client, String template, JsonNode firstPage, NextLinks links, Consumer<JsonNode> each) {
        var page = firstPage;
        while (true) {
            var results = page.path("results");
            results.forEach(each);
            var next = nextLink(page);
            if (next.isEmpty() || results.isEmpty()) {
                return;
            }
            var target = split(client, template, links.prefix + next.get());
            page = client.get(template, target.path(), target.query());
        }
    }

    /**
     * Data Center {@code /rest/api/content/scan}: a forward cursor over content ordered by id, continued after its
     * first page {@code first}: each next page is asked with the page's {@code nextCursor} and the {@code limit} the
     * site echoed (the size it really applies), until a page carries no {@code nextCursor}. The items of each page
     * are handed on as they are parsed ({@link SiteClient#getStreamed}), so that a page's tree is never held whole,
     * and {@code afterEachPage} runs once each page is read: {@code each} sends no requests (it runs while a page is
     * read), what needs them runs in {@code afterEachPage}.
     */
    public static void scanAfter(
            SiteClient client,
            String template,
            String path,
            Query query,
            SiteClient.StreamedPage first,
            Consumer<JsonNode> each,
            Runnable afterEachPage) {
        var page = first;
        while (true) {
            var cursor = page.rest().path("nextCursor");
            if (!cursor.isString() || cursor.asString().isEmpty() || page.items() == 0) {
                return;
            }
            var effectiveLimit = page.rest().path("limit").isNumber()
                    ? page.rest().path("limit").asInt()
                    : page.items();
            page = client.getStreamed(
                    template,
                    path,
                    query.with("limit", Math.max(effectiveLimit, 1)).with("cursor", cursor.asString()),
                    "results",
                    each);
            afterEachPage.run();
        }
    }

    private static Optional<String> nextLink(JsonNode page) {
        var next = page.path("_links").path("next");
        return next.isString() && !next.asString().isBlank() ? Optional.of(next.asString()) : Optional.empty();
    }

    private record Target(String path, Query query) {}

    /** A relative link ({@code /rest/api/space?start=500&limit=500}) as path and decoded query. */
    private static Target split(SiteClient client, String template, String link) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw new CrawlFailure(
                    CrawlFailure.Kind.UNEXPECTED,
                    client.site() + ": GET " + template + " answered a next link that is not a URL: " + link,
                    e);
        }
        if (uri.isAbsolute() || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            throw new CrawlFailure(
                    CrawlFailure.Kind.UNEXPECTED,
                    client.site() + ": GET " + template + " answered a next link that is not a relative path: " + link);
        }
        var query = Query.of();
        var raw = uri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (var parameter : raw.split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                var name = equals < 0 ? parameter : parameter.substring(0, equals);
                var value = equals < 0 ? "" : parameter.substring(equals + 1);
                query = query.and(decode(name), decode(value));
            }
        }
        return new Target(decode(uri.getRawPath()), query);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
