package dev.idmap.sim.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.sim.GroundTruthRow;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ground truth describes what the sites serve: every server id is on the Data Center site, every Cloud id of a
 * migrated entity is on the Cloud site, and nothing left behind is.
 */
class ConfluenceGroundTruthAgainstSitesTest {

    static ConfluenceSites sites;
    static List<GroundTruthRow> rows;

    @BeforeAll
    static void start() {
        sites = ConfluenceSites.theDefaultMigration();
        rows = sites.migration.groundTruth();
    }

    @AfterAll
    static void stop() {
        sites.close();
    }

    @Test
    void every_server_id_is_served_by_the_data_center_site() {
        // when
        Map<String, Set<String>> served = new HashMap<>();
        served.put("confluence:space", ids(dcWalk("/rest/api/space?limit=500"), "id"));
        served.put("confluence:page", ids(dcWalk("/rest/api/content/scan?type=page&limit=200"), "id"));
        served.put("confluence:blogpost", ids(dcWalk("/rest/api/content/scan?type=blogpost&limit=200"), "id"));
        served.put("confluence:comment", ids(dcWalk("/rest/api/content/scan?type=comment&limit=200"), "id"));
        served.put("identity:user", ids(dcWalk("/rest/api/user/list?limit=200"), "userKey"));
        served.put("identity:group", ids(dcWalk("/rest/api/group"), "name"));
        var attachments = new HashSet<String>();
        for (String page : served.get("confluence:page")) {
            ids(dcWalk("/rest/api/content/" + page + "/child/attachment"), "id")
                    .forEach(id -> attachments.add(id.substring("att".length())));
        }
        for (String post : served.get("confluence:blogpost")) {
            ids(dcWalk("/rest/api/content/" + post + "/child/attachment"), "id")
                    .forEach(id -> attachments.add(id.substring("att".length())));
        }
        served.put("confluence:attachment", attachments);
        // then
        for (var namespace : served.keySet()) {
            Set<String> expected = new HashSet<>();
            rows.stream().filter(r -> r.entityType().equals(namespace)).forEach(r -> expected.add(r.serverId()));
            assertThat(served.get(namespace)).as(namespace).isEqualTo(expected);
        }
    }

    @Test
    void every_cloud_id_of_a_migrated_entity_is_served_by_the_cloud_site() {
        // when
        Map<String, Set<String>> served = new HashMap<>();
        served.put("confluence:space", ids(cloudWalk("/wiki/api/v2/spaces?limit=250"), "id"));
        served.put("confluence:page", ids(cloudWalk("/wiki/api/v2/pages?limit=250"), "id"));
        served.put("confluence:blogpost", ids(cloudWalk("/wiki/api/v2/blogposts?limit=250"), "id"));
        var comments = ids(cloudWalk("/wiki/api/v2/footer-comments?limit=250"), "id");
        comments.addAll(ids(cloudWalk("/wiki/api/v2/inline-comments?limit=250"), "id"));
        served.put("confluence:comment", comments);
        var attachments = new HashSet<String>();
        ids(cloudWalk("/wiki/api/v2/attachments?limit=250"), "id").forEach(id -> attachments.add(id.substring(3)));
        served.put("confluence:attachment", attachments);
        served.put("identity:group", ids(cloudWalk("/wiki/rest/api/group"), "id"));
        served.put(
                "identity:user",
                ids(cloudWalk("/wiki/rest/api/search/user?cql=type%3Duser&limit=200"), "user", "accountId"));
        // then: every migrated row's Cloud id is served; Cloud may hold more (content created on Cloud)
        for (GroundTruthRow row : rows) {
            if (row.migrated()) {
                assertThat(served.get(row.entityType())).as(row.toCsvLine()).contains(row.cloudId());
            }
        }
    }

    @Test
    void bulk_migration_answers_exactly_the_user_rows() {
        // given
        var userRows = rows.stream()
                .filter(r -> r.entityType().equals("identity:user"))
                .toList();
        var query = new StringBuilder("/wiki/rest/api/user/bulk/migration?limit=200");
        userRows.forEach(r -> query.append("&key=").append(r.serverId()));
        // when
        Map<String, String> answered = new HashMap<>();
        sites.cloud(query.toString())
                .json()
                .get("results")
                .forEach(r ->
                        answered.put(r.get("key").asString(), r.get("accountId").asString()));
        // then
        Map<String, String> expected = new HashMap<>();
        userRows.stream().filter(GroundTruthRow::migrated).forEach(r -> expected.put(r.serverId(), r.cloudId()));
        assertThat(answered).isEqualTo(expected);
    }

    private static List<JsonNode> dcWalk(String path) {
        var pages = new java.util.ArrayList<JsonNode>();
        JsonNode page = sites.dc(path).json();
        pages.add(page);
        while (page.get("_links").has("next")) {
            page = sites.dcNext(page).json();
            pages.add(page);
        }
        return pages;
    }

    private static List<JsonNode> cloudWalk(String path) {
        var pages = new java.util.ArrayList<JsonNode>();
        JsonNode page = sites.cloud(path).json();
        pages.add(page);
        while (page.get("_links").has("next")) {
            String next = page.get("_links").get("next").asString();
            page = sites.cloud(next.startsWith("/wiki") ? next : "/wiki" + next).json();
            pages.add(page);
        }
        return pages;
    }

    private static Set<String> ids(List<JsonNode> pages, String... path) {
        var ids = new HashSet<String>();
        for (JsonNode page : pages) {
            for (JsonNode item : page.get("results")) {
                JsonNode value = item;
                for (String field : path) {
                    value = value.get(field);
                }
                ids.add(value.asString());
            }
        }
        return ids;
    }
}
