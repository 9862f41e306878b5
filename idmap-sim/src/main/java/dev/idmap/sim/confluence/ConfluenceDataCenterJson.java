package dev.idmap.sim.confluence;

import dev.idmap.sim.confluence.ConfluenceContent.Attachment;
import dev.idmap.sim.confluence.ConfluenceContent.Comment;
import dev.idmap.sim.confluence.ConfluenceContent.Content;
import dev.idmap.sim.confluence.ConfluenceContent.Location;
import dev.idmap.sim.confluence.ConfluencePeople.Group;
import dev.idmap.sim.confluence.ConfluencePeople.User;
import dev.idmap.sim.confluence.ConfluenceSpaces.Space;
import dev.idmap.sim.http.Json;
import dev.idmap.sim.http.SimRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * How Confluence Data Center renders spaces, content, attachments, comments, users and groups: ids as strings (spaces
 * as numbers), times with the server's offset, {@code _links} with an absolute {@code self}, and {@code _expandable}
 * for everything not asked for with {@code expand}.
 */
final class ConfluenceDataCenterJson {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ConfluenceDataCenterApi.SERVER_ZONE);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ConfluenceDataCenterApi.SERVER_ZONE);

    private final ConfluencePeople people;
    private final ConfluenceContent content;

    private final boolean expandsCreator;

    ConfluenceDataCenterJson(ConfluencePeople people, ConfluenceContent content, boolean expandsCreator) {
        this.people = people;
        this.content = content;
        this.expandsCreator = expandsCreator;
    }

    ObjectNode spaceJson(SimRequest request, Space space) {
        Set<String> expand = ConfluenceDataCenterApi.expand(request);
        var node = Json.object();
        node.put("id", space.id());
        node.put("key", space.key());
        node.put("name", space.name());
        node.put("type", space.type());
        node.put("status", space.status());
        Content home = content.at(space.firstPosition());
        if (expand.contains("homepage")) {
            node.set("homepage", contentRef(request, home));
        }
        if (expand.contains("creator") && expandsCreator) {
            node.set("creator", person(request, people.user(space.creator(home)), Set.of()));
        }
        node.putObject("_links")
                .put("webui", "/spaces/" + space.key())
                .put("self", request.link("/rest/api/space/" + Queries.encode(space.key())));
        var expandable = node.putObject("_expandable");
        expandable.put("metadata", "").put("icon", "").put("description", "").put("retentionPolicy", "");
        if (!expand.contains("homepage")) {
            expandable.put("homepage", "/rest/api/content/" + home.dcId());
        }
        if (!expand.contains("creator") && expandsCreator) {
            expandable.put("creator", "");
        }
        return node;
    }

    ObjectNode contentJson(SimRequest request, Content item, Set<String> expand) {
        var node = Json.object();
        String id = Long.toString(item.dcId());
        node.put("id", id);
        node.put("type", item.kind().apiName);
        node.put("status", "current");
        node.put("title", item.title());
        var expandable = Json.object();
        String spacePath = "/rest/api/space/" + Queries.encode(item.space().key());
        if (expand.contains("space")) {
            node.set("space", spaceBrief(request, item.space()));
        } else {
            expandable.put("space", spacePath);
        }
        if (expand.contains("container")) {
            node.set("container", spaceBrief(request, item.space()));
        } else {
            expandable.put("container", spacePath);
        }
        if (expand.contains("history")) {
            node.set("history", history(request, item.author(), item.createdAt()));
        } else {
            expandable.put("history", "/rest/api/content/" + id + "/history");
        }
        if (expand.contains("version")) {
            node.set("version", version(request, item.author(), item.createdAt(), item.version()));
        } else {
            expandable.put("version", "");
        }
        if (expand.contains("ancestors")) {
            var ancestors = node.putArray("ancestors");
            content.ancestors(item).forEach(a -> ancestors.add(contentRef(request, a)));
        } else {
            expandable.put("ancestors", "");
        }
        if (expand.contains("body.storage")) {
            node.putObject("body")
                    .putObject("storage")
                    .put("value", "<p>" + item.title() + "</p>")
                    .put("representation", "storage");
        } else {
            expandable.put("body", "");
        }
        expandable.put("children", "/rest/api/content/" + id + "/child");
        expandable.put("descendants", "/rest/api/content/" + id + "/descendant");
        expandable.put("metadata", "");
        expandable.put("restrictions", "/rest/api/content/" + id + "/restriction/byOperation");
        node.set("_links", contentLinks(request, item));
        node.set("_expandable", expandable);
        return node;
    }

    ObjectNode contentRef(SimRequest request, Content item) {
        var node = Json.object();
        node.put("id", Long.toString(item.dcId()));
        node.put("type", item.kind().apiName);
        node.put("status", "current");
        node.put("title", item.title());
        node.set("_links", contentLinks(request, item));
        return node;
    }

    ObjectNode contentLinks(SimRequest request, Content item) {
        String webui = item.isPage()
                ? "/pages/viewpage.action?pageId=" + item.dcId()
                : "/display/" + item.space().key() + "/" + DAY.format(item.createdAt()) + "/"
                        + Queries.encode(item.title());
        return Json.object()
                .put("webui", webui)
                .put("tinyui", "/x/" + Long.toString(item.dcId(), 36))
                .put("self", request.link("/rest/api/content/" + item.dcId()));
    }

    ObjectNode spaceBrief(SimRequest request, Space space) {
        var node = Json.object();
        node.put("id", space.id());
        node.put("key", space.key());
        node.put("name", space.name());
        node.put("type", space.type());
        node.put("status", space.status());
        node.putObject("_links")
                .put("webui", "/spaces/" + space.key())
                .put("self", request.link("/rest/api/space/" + Queries.encode(space.key())));
        return node;
    }

    ObjectNode history(SimRequest request, int author, Instant created) {
        var node = Json.object();
        node.put("latest", true);
        node.set("createdBy", person(request, people.user(author), Set.of()));
        node.put("createdDate", TIME.format(created));
        return node;
    }

    ObjectNode version(SimRequest request, int author, Instant created, int number) {
        var node = Json.object();
        node.set("by", person(request, people.user(author), Set.of()));
        node.put("when", TIME.format(created.plus(Duration.ofDays(number - 1L))));
        node.put("message", "");
        node.put("number", number);
        node.put("minorEdit", false);
        node.put("hidden", false);
        return node;
    }

    ObjectNode attachmentJson(SimRequest request, Attachment attachment, Set<String> expand) {
        var node = Json.object();
        String id = "att" + attachment.dcId();
        node.put("id", id);
        node.put("type", "attachment");
        node.put("status", "current");
        node.put("title", attachment.fileName());
        node.putObject("metadata").put("mediaType", attachment.mediaType()).put("comment", "");
        node.putObject("extensions")
                .put("mediaType", attachment.mediaType())
                .put("fileSize", attachment.fileSize())
                .put("comment", "");
        var expandable = Json.object();
        if (expand.contains("container")) {
            node.set("container", contentRef(request, attachment.container()));
        } else {
            expandable.put(
                    "container", "/rest/api/content/" + attachment.container().dcId());
        }
        if (expand.contains("history")) {
            node.set("history", history(request, attachment.author(), attachment.createdAt()));
        } else {
            expandable.put("history", "/rest/api/content/" + id + "/history");
        }
        if (expand.contains("version")) {
            node.set("version", version(request, attachment.author(), attachment.createdAt(), 1));
        } else {
            expandable.put("version", "");
        }
        expandable.put(
                "space",
                "/rest/api/space/"
                        + Queries.encode(attachment.container().space().key()));
        node.putObject("_links")
                .put(
                        "webui",
                        "/pages/viewpageattachments.action?pageId="
                                + attachment.container().dcId()
                                + "&preview=/" + attachment.container().dcId() + "/" + attachment.dcId() + "/"
                                + Queries.encode(attachment.fileName()))
                .put(
                        "download",
                        "/download/attachments/" + attachment.container().dcId() + "/"
                                + Queries.encode(attachment.fileName()) + "?version=1&modificationDate="
                                + attachment.createdAt().toEpochMilli() + "&api=v2")
                .put("self", request.link("/rest/api/content/" + id));
        node.set("_expandable", expandable);
        return node;
    }

    ObjectNode commentJson(SimRequest request, Comment comment, Set<String> expand) {
        var node = Json.object();
        String id = Long.toString(comment.dcId());
        node.put("id", id);
        node.put("type", "comment");
        node.put("status", "current");
        node.put("title", "Re: " + comment.container().title());
        var extensions = node.putObject("extensions");
        extensions.put("location", comment.location() == Location.FOOTER ? "footer" : "inline");
        if (comment.location() == Location.INLINE) {
            extensions
                    .putObject("inlineProperties")
                    .put("markerRef", Seeded.hex(Seeded.mix(comment.dcId(), 9), 16))
                    .put("originalSelection", comment.container().title());
            extensions.putObject("resolution").put("status", "open");
        }
        var expandable = Json.object();
        if (expand.contains("container")) {
            node.set("container", contentRef(request, comment.container()));
        } else {
            expandable.put(
                    "container", "/rest/api/content/" + comment.container().dcId());
        }
        if (expand.contains("ancestors")) {
            var ancestors = node.putArray("ancestors");
            if (comment.isReply()) {
                ancestors
                        .addObject()
                        .put("id", Long.toString(comment.dcParentId()))
                        .put("type", "comment")
                        .put("status", "current")
                        .put("title", "Re: " + comment.container().title());
            }
        } else {
            expandable.put("ancestors", "");
        }
        if (expand.contains("history")) {
            node.set("history", history(request, comment.author(), comment.createdAt()));
        } else {
            expandable.put("history", "/rest/api/content/" + id + "/history");
        }
        if (expand.contains("version")) {
            node.set("version", version(request, comment.author(), comment.createdAt(), 1));
        } else {
            expandable.put("version", "");
        }
        if (expand.contains("body.storage")) {
            node.putObject("body")
                    .putObject("storage")
                    .put("value", "<p>" + comment.body() + "</p>")
                    .put("representation", "storage");
        } else {
            expandable.put("body", "");
        }
        expandable.put(
                "space",
                "/rest/api/space/" + Queries.encode(comment.container().space().key()));
        node.putObject("_links")
                .put(
                        "webui",
                        "/pages/viewpage.action?pageId=" + comment.container().dcId() + "&focusedCommentId=" + id
                                + "#comment-" + id)
                .put("self", request.link("/rest/api/content/" + id));
        node.set("_expandable", expandable);
        return node;
    }

    ObjectNode person(SimRequest request, User user, Set<String> expand) {
        var node = Json.object();
        node.put("type", "known");
        node.put("username", user.username());
        node.put("userKey", user.key());
        node.putObject("profilePicture")
                .put("path", ConfluenceDataCenterApi.CONTEXT + "/images/icons/profilepics/default.svg")
                .put("width", 48)
                .put("height", 48)
                .put("isDefault", true);
        node.put("displayName", user.displayName());
        if (expand.contains("status")) {
            node.put("status", user.active() ? "active" : "deactivated");
        } else {
            node.putObject("_expandable").put("status", "");
        }
        node.putObject("_links").put("self", request.link("/rest/api/user?key=" + user.key()));
        return node;
    }

    ObjectNode groupJson(SimRequest request, Group group) {
        var node = Json.object();
        node.put("type", "group");
        node.put("name", group.name());
        node.putObject("_links").put("self", request.link("/rest/api/group/" + Queries.encode(group.name())));
        return node;
    }
}
