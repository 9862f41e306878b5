package dev.idmap.core.rewrite;

import dev.idmap.core.model.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Confluence links, to the Cloud forms under {@code /wiki}: {@code /pages/viewpage.action?pageId=N} and
 * {@code /display/KEY/Title} to {@code /wiki/spaces/KEY/pages/ID/Title}, {@code /display/KEY/yyyy/mm/dd/Title} to
 * {@code /wiki/spaces/KEY/blog/yyyy/mm/dd/ID/Title}, {@code /display/KEY}, {@code /display/~user} and
 * {@code /spaces/viewspace.action?key=KEY} to {@code /wiki/spaces/KEY/overview},
 * {@code /download/attachments/N/file} to {@code /wiki/download/attachments/ID/file}, {@code /rest/api/content/N} to
 * {@code /wiki/rest/api/content/ID}. Confluence Cloud does not serve the Data Center paths unchanged and ids differ,
 * so any other form (tiny links {@code /x/…} among them) is refused rather than moved to the Cloud host.
 */
final class ConfluenceLinks {

    private static final List<EntityType> CONTENT = List.of(EntityType.PAGE, EntityType.BLOG_POST);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern ACTION = Pattern.compile("/pages/[A-Za-z]+\\.action");
    private static final Pattern DISPLAY = Pattern.compile("/display/([^/]+)/?(.*)");
    private static final Pattern DATED = Pattern.compile("([0-9]{4})/([0-9]{2})/([0-9]{2})/([^/]+)");
    private static final Pattern DOWNLOAD = Pattern.compile("/download/attachments/([0-9]+)(/.*)");
    private static final Pattern CONTENT_REST = Pattern.compile("/rest/api/content/([0-9]+)(/.*)?");

    private final IdMapping mapping;

    ConfluenceLinks(IdMapping mapping) {
        this.mapping = mapping;
    }

    LinkForm translate(String path, List<Link.Param> query) {
        if (ACTION.matcher(path).matches()) {
            return action(path, query);
        }
        if (path.equals("/spaces/viewspace.action")) {
            return query(query, "key")
                    .map(key -> overview(Link.decodePathSegment(key), without(query, "key")))
                    .orElse(new LinkForm.Refused("viewspace.action without a key"));
        }
        var display = DISPLAY.matcher(path);
        if (display.matches()) {
            return display(Link.decodePathSegment(display.group(1)), display.group(2), query);
        }
        var download = DOWNLOAD.matcher(path);
        if (download.matches()) {
            return content(
                    download.group(1),
                    query,
                    id -> "/wiki/download/attachments/" + id + download.group(2),
                    "attachment");
        }
        var rest = CONTENT_REST.matcher(path);
        if (rest.matches()) {
            var tail = rest.group(2) == null ? "" : rest.group(2);
            return content(rest.group(1), query, id -> "/wiki/rest/api/content/" + id + tail, "REST content");
        }
        return new LinkForm.Refused("a Confluence link form idmap does not translate (" + path + ")");
    }

    private LinkForm action(String path, List<Link.Param> query) {
        var pageId = query(query, "pageId").orElse(null);
        if (pageId == null || !DIGITS.matcher(pageId).matches()) {
            return new LinkForm.Refused(path + " without a numeric pageId");
        }
        var resolution = mapping.byId(CONTENT, pageId);
        if (!(resolution instanceof IdMapping.Mapped(var row))) {
            return new LinkForm.Refused(((IdMapping.NotMapped) resolution).reason());
        }
        return withOthers(without(query, "pageId"), params -> {
            if (path.equals("/pages/viewpage.action") && row.type() == EntityType.PAGE) {
                var spaceKey = mapping.cloudSpaceKey(row.container());
                if (spaceKey.isPresent() && row.cloudKey() != null) {
                    return translated(
                            pagePath(spaceKey.get(), row), params, row.type().namespace());
                }
            }
            var withId = new ArrayList<Link.Param>();
            for (var param : query) {
                withId.add(param.name().equals("pageId") ? param.withValue(row.cloudId()) : param);
            }
            return translated(
                    "/wiki" + path, paramsMapped(withId, params), row.type().namespace());
        });
    }

    /** Keeps the order of the original parameters, taking mapped values from {@code mapped}. */
    private static List<Link.Param> paramsMapped(List<Link.Param> original, List<Link.Param> mapped) {
        var out = new ArrayList<Link.Param>();
        for (var param : original) {
            out.add(mapped.stream()
                    .filter(m -> m.name().equals(param.name()))
                    .findFirst()
                    .orElse(param));
        }
        return out;
    }

    private LinkForm display(String spaceKey, String rest, List<Link.Param> query) {
        if (rest.isEmpty()) {
            return overview(spaceKey, query);
        }
        var cloudSpace = mapping.cloudSpaceKey(spaceKey);
        var dated = DATED.matcher(rest);
        var type = dated.matches() ? EntityType.BLOG_POST : EntityType.PAGE;
        var title = Link.decodePathSegment(dated.matches() ? dated.group(4) : rest);
        var resolution = mapping.byKey(type, spaceKey, title);
        if (!(resolution instanceof IdMapping.Mapped(var row))) {
            return new LinkForm.Refused(((IdMapping.NotMapped) resolution).reason());
        }
        if (cloudSpace.isEmpty()) {
            return new LinkForm.Refused("space " + spaceKey + " is not matched in the mapping");
        }
        var path = dated.matches()
                ? "/wiki/spaces/" + Link.encode(cloudSpace.get()) + "/blog/" + dated.group(1) + "/" + dated.group(2)
                        + "/" + dated.group(3) + "/" + row.cloudId() + "/" + Link.encode(cloudTitle(row))
                : pagePath(cloudSpace.get(), row);
        return withOthers(query, params -> translated(path, params, type.namespace()));
    }

    private LinkForm overview(String spaceKey, List<Link.Param> query) {
        var resolution = mapping.byKey(EntityType.SPACE, null, spaceKey);
        if (!(resolution instanceof IdMapping.Mapped(var row)) || row.cloudKey() == null) {
            return new LinkForm.Refused(
                    resolution instanceof IdMapping.NotMapped(var reason)
                            ? reason
                            : "space " + spaceKey + " has no Cloud key");
        }
        return withOthers(
                query,
                params -> translated(
                        "/wiki/spaces/" + Link.encode(row.cloudKey()) + "/overview",
                        params,
                        EntityType.SPACE.namespace()));
    }

    private static String pagePath(String cloudSpaceKey, IdMapping.Row page) {
        return "/wiki/spaces/" + Link.encode(cloudSpaceKey) + "/pages/" + page.cloudId() + "/"
                + Link.encode(cloudTitle(page));
    }

    private static String cloudTitle(IdMapping.Row row) {
        return row.cloudKey() != null ? row.cloudKey() : row.serverKey();
    }

    /** A content id in the path (attachments, REST): mapped, then the other parameters. */
    private LinkForm content(String id, List<Link.Param> query, Function<String, String> path, String what) {
        return switch (mapping.byId(CONTENT, id)) {
            case IdMapping.Mapped mapped ->
                withOthers(query, params -> translated(path.apply(mapped.cloudId()), params, what));
            case IdMapping.NotMapped(var reason) -> new LinkForm.Refused(reason);
        };
    }

    /** {@code then} with the other parameters kept, or the refusal of the first number among them idmap cannot place. */
    private LinkForm withOthers(List<Link.Param> query, Function<List<Link.Param>, LinkForm> then) {
        return switch (otherParams(query)) {
            case Kept(var params) -> then.apply(params);
            case Unplaceable(var reason) -> new LinkForm.Refused(reason);
        };
    }

    /** The other parameters of a link: kept (a comment id mapped), or a number that refuses the link. */
    private sealed interface Others permits Kept, Unplaceable {}

    private record Kept(List<Link.Param> params) implements Others {}

    private record Unplaceable(String reason) implements Others {}

    /** The parameters other than the one translated: a comment id is mapped, other numbers refuse the link. */
    private Others otherParams(List<Link.Param> query) {
        var out = new ArrayList<Link.Param>();
        for (var param : query) {
            var value = param.hasValue() ? param.decodedValue() : "";
            if (!DIGITS.matcher(value).matches() || JiraLinks.NOT_IDS.contains(param.name())) {
                out.add(param);
            } else if (param.name().equals("focusedCommentId")) {
                switch (mapping.byId(EntityType.CONFLUENCE_COMMENT, value)) {
                    case IdMapping.Mapped mapped -> out.add(param.withValue(mapped.cloudId()));
                    case IdMapping.NotMapped(var reason) -> {
                        return new Unplaceable(reason);
                    }
                }
            } else {
                return new Unplaceable("the parameter " + param + " is a number idmap cannot place");
            }
        }
        return new Kept(out);
    }

    private static LinkForm translated(String path, List<Link.Param> query, String what) {
        return new LinkForm.Translated(path + Link.queryString(query), "confluence link: " + what);
    }

    private static Optional<String> query(List<Link.Param> query, String name) {
        return query.stream()
                .filter(p -> p.name().equals(name) && p.hasValue())
                .map(Link.Param::decodedValue)
                .findFirst();
    }

    private static List<Link.Param> without(List<Link.Param> query, String name) {
        return query.stream().filter(p -> !p.name().equals(name)).toList();
    }
}
