package dev.idmap.sim.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint the Jira simulator serves, called on the default scenario, answers with a status its official OpenAPI
 * document lists and a body that satisfies the documented schema. Workarounds for the spec defects listed in
 * atlassian-rest.md §0, each narrow and checked:
 *
 * <ol>
 *   <li>Data Center list operations whose spec references the item bean although the product returns an array or a
 *       page envelope: each element (or each {@code values[]} item) is validated against that bean. The set of
 *       operations this applies to is pinned by {@link #DC_ITEM_BEAN_DEFECTS}.
 *   <li>Error statuses the specs do not list per operation (401, 403, 404, 410, 429, 5xx): the body is validated
 *       against the spec's {@code ErrorCollection} component, which is what Jira sends for every error. {@code GET
 *       /rest/api/3/search} answers 410 since its removal (CHANGE-2046), which the spec predates.
 *   <li>Jira writes timestamps with an ISO 8601 basic offset ({@code 2024-01-08T09:00:00.000+0000}) where the specs
 *       say {@code format: date-time} (RFC 3339, {@code +00:00}): such strings are normalised before validation.
 *       Data Center versions' {@code releaseDate}/{@code startDate} are plain dates although the DC spec says
 *       date-time: date-only values of those two properties are normalised too, for the DC document only.
 *   <li>The DC spec types every value of {@code IssueBean.fields} as an object, though its own example holds strings
 *       and arrays: DC issue {@code fields} maps are not validated (Cloud's spec leaves them untyped anyway).
 * </ol>
 */
class JiraOpenApiConformanceTest {

    static final Set<String> DC_ITEM_BEAN_DEFECTS = Set.of(
            "/api/2/customFields",
            "/api/2/field",
            "/api/2/filter/favourite",
            "/api/2/group/member",
            "/api/2/issuetype",
            "/api/2/priority",
            "/api/2/project",
            "/api/2/project/{projectIdOrKey}/components",
            "/api/2/project/{projectIdOrKey}/versions",
            "/api/2/projectCategory",
            "/api/2/resolution",
            "/api/2/role",
            "/api/2/status",
            "/api/2/user/search",
            "/agile/1.0/board",
            "/agile/1.0/board/{boardId}/sprint");

    static JiraSites sites;
    static OpenApiSpec dc;
    static OpenApiSpec cloud;
    static OpenApiSpec agile;
    final Set<String> defectsUsed = new TreeSet<>();
    final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() {
        sites = JiraSites.small();
        dc = OpenApiSpec.load("jira-software-dc-10.3.json", "/jira/rest");
        cloud = OpenApiSpec.load("jira-cloud-platform.v3.json", "");
        agile = OpenApiSpec.load("jira-software-cloud-agile.json", "");
    }

    @AfterAll
    static void stop() {
        sites.close();
    }

    @Test
    void every_data_center_response_conforms_to_the_jira_dc_10_3_document() {
        String key = sites.dc("/rest/api/2/project").body().get(0).get("key").asString();
        JsonNode issue = sites.dc("/rest/api/2/search?jql=project%3D" + key + "&fields=attachment&maxResults=25")
                .body()
                .get("issues");
        String attachment = firstAttachment(issue);
        String board = sites.dc("/rest/agile/1.0/board")
                .body()
                .get("values")
                .get(0)
                .get("id")
                .asString();
        String sprint = sites.dc("/rest/agile/1.0/board/" + board + "/sprint")
                .body()
                .get("values")
                .get(0)
                .get("id")
                .asString();
        String field = sites.dc("/rest/api/2/customFields")
                .body()
                .get("values")
                .get(3)
                .get("numericId")
                .asString();
        String option = sites.dc("/rest/api/2/customFields/" + field + "/options")
                .body()
                .get("options")
                .get(0)
                .get("id")
                .asString();
        String filter =
                sites.dc("/rest/api/2/filter/favourite").body().get(0).get("id").asString();
        for (String path : List.of(
                "/rest/api/2/myself",
                "/rest/api/2/serverInfo",
                "/rest/api/2/mypermissions?permissions=ADMINISTER,USER_PICKER",
                "/rest/api/2/project?expand=lead,description",
                "/rest/api/2/status",
                "/rest/api/2/status/1",
                "/rest/api/2/priority",
                "/rest/api/2/resolution",
                "/rest/api/2/issuetype",
                "/rest/api/2/issueLinkType",
                "/rest/api/2/projectCategory",
                "/rest/api/2/field",
                "/rest/api/2/project",
                "/rest/api/2/project/" + key,
                "/rest/api/2/project/" + key + "/components",
                "/rest/api/2/project/" + key + "/versions",
                "/rest/api/2/project/" + key + "/version?maxResults=1",
                "/rest/api/2/project/" + key + "/role",
                "/rest/api/2/project/" + key + "/role/10002", // Administrators: the lead
                "/rest/api/2/project/" + key + "/role/10003", // Developers: a group
                "/rest/api/2/search?jql=project%3D" + key + "&fields=*all&maxResults=10",
                "/rest/api/2/search?jql=id%20%3E%2010000%20ORDER%20BY%20id&fields=key&maxResults=5000",
                "/rest/api/2/issue/" + key + "-6?fields=*all",
                "/rest/api/2/issue/" + key + "-4",
                "/rest/api/2/issue/" + key + "-3/comment",
                "/rest/api/2/issue/" + key + "-3/worklog",
                "/rest/api/2/attachment/" + attachment,
                "/rest/api/2/customFields?maxResults=5",
                "/rest/api/2/customFields/" + field + "/options",
                "/rest/api/2/customFieldOption/" + option,
                "/rest/api/2/role",
                "/rest/api/2/filter/favourite",
                "/rest/api/2/filter/" + filter,
                "/rest/api/2/dashboard?maxResults=2",
                "/rest/api/2/dashboard/10001",
                "/rest/api/2/groups/picker?query=jira",
                "/rest/api/2/group/member?groupname=jira-software-users&maxResults=5",
                "/rest/api/2/user/list?maxResults=5",
                "/rest/api/2/user/search?username=.&maxResults=5",
                "/rest/api/2/user?username=admin",
                "/rest/agile/1.0/board",
                "/rest/agile/1.0/board/" + board,
                "/rest/agile/1.0/board/" + board + "/sprint",
                "/rest/agile/1.0/board/" + board + "/configuration",
                "/rest/agile/1.0/sprint/" + sprint,
                "/rest/api/2/project/NOPE",
                "/rest/api/2/search?jql=ORDER%20BY%20id&startAt=10000",
                "/rest/api/2/search?jql=project%3DNOPE")) {
            check(dc, "GET", path, sites.dc(path));
        }
        check(
                dc,
                "POST",
                "/rest/api/2/search",
                sites.post(
                        sites.sim.sourceBaseUrl() + "/rest/api/2/search",
                        sites.sim.sourceCredentials().basicAuthorization(),
                        "{\"jql\":\"project = " + key + "\",\"maxResults\":3,\"fields\":[\"summary\",\"status\"]}"));
        check(dc, "GET", "/rest/api/2/project", sites.get(sites.sim.sourceBaseUrl() + "/rest/api/2/project", null));
        check(
                dc,
                "GET",
                "/rest/api/2/customFields",
                sites.get(
                        sites.sim.sourceBaseUrl() + "/rest/api/2/customFields",
                        basic("auditor", JiraSimulator.NON_ADMIN_PASSWORD)));
        assertThat(failures).isEmpty();
        assertThat(defectsUsed).isEqualTo(DC_ITEM_BEAN_DEFECTS);
    }

    @Test
    void every_cloud_response_conforms_to_the_jira_cloud_and_agile_documents() {
        JsonNode projects =
                sites.cloud("/rest/api/3/project/search?maxResults=100").body().get("values");
        String key = null;
        String teamManagedId = null;
        for (JsonNode p : projects) {
            if (p.get("key").asString().length() == 3
                    && !p.get("simplified").asBoolean()
                    && !p.get("key").asString().equals("CLD")) {
                key = key == null ? p.get("key").asString() : key;
            }
            if (p.get("simplified").asBoolean()) {
                teamManagedId = p.get("id").asString();
            }
        }
        JsonNode issues = sites.cloud(
                        "/rest/api/3/search/jql?jql=project%3D" + key + "&fields=attachment&maxResults=25")
                .body()
                .get("issues");
        String attachment = firstAttachment(issues);
        String board = sites.cloud("/rest/agile/1.0/board?type=scrum")
                .body()
                .get("values")
                .get(0)
                .get("id")
                .asString();
        String sprint = sites.cloud("/rest/agile/1.0/board/" + board + "/sprint")
                .body()
                .get("values")
                .get(0)
                .get("id")
                .asString();
        String selectField = null;
        for (JsonNode f : sites.cloud("/rest/api/3/field").body()) {
            if (f.path("schema").path("custom").asString("").endsWith(":cascadingselect")) {
                selectField = f.get("id").asString();
            }
        }
        String context = sites.cloud("/rest/api/3/field/" + selectField + "/context")
                .body()
                .get("values")
                .get(0)
                .get("id")
                .asString();
        JsonNode users = sites.cloud("/rest/api/3/users/search?maxResults=10").body();
        String accountId = users.get(5).get("accountId").asString();
        JsonNode groups = sites.cloud("/rest/api/3/group/bulk").body().get("values");
        String groupId = groups.get(0).get("groupId").asString();
        String filter = sites.cloud("/rest/api/3/filter/search")
                .body()
                .get("values")
                .get(0)
                .get("id")
                .asString();
        String dashboard = sites.cloud("/rest/api/3/dashboard/search")
                .body()
                .get("values")
                .get(0)
                .get("id")
                .asString();
        for (String path : List.of(
                "/rest/api/3/myself",
                "/rest/api/3/serverInfo",
                "/rest/api/3/mypermissions?permissions=ADMINISTER,USER_PICKER",
                "/rest/api/3/project/search?expand=lead,description",
                "/rest/api/3/field/" + selectField + "/context/projectmapping",
                "/rest/api/3/status",
                "/rest/api/3/priority",
                "/rest/api/3/priority/search",
                "/rest/api/3/resolution",
                "/rest/api/3/resolution/search",
                "/rest/api/3/issuetype",
                "/rest/api/3/issueLinkType",
                "/rest/api/3/projectCategory",
                "/rest/api/3/field",
                "/rest/api/3/field/search?type=custom&maxResults=5",
                "/rest/api/3/field/" + selectField + "/context",
                "/rest/api/3/field/" + selectField + "/context/" + context + "/option",
                "/rest/api/3/statuses/search",
                "/rest/api/3/statuses/search?projectId=" + teamManagedId,
                "/rest/api/3/role",
                "/rest/api/3/project",
                "/rest/api/3/project/search?maxResults=2",
                "/rest/api/3/project/" + key,
                "/rest/api/3/project/" + key + "/components",
                "/rest/api/3/project/" + key + "/component",
                "/rest/api/3/project/" + key + "/versions",
                "/rest/api/3/project/" + key + "/version",
                "/rest/api/3/project/" + key + "/role",
                "/rest/api/3/project/" + key + "/role/10006", // Administrators (migrated): the lead
                "/rest/api/3/project/" + key + "/role/10007", // Developers: a group
                "/rest/api/3/search/jql?jql=project%3D" + key + "&maxResults=3",
                "/rest/api/3/search/jql?jql=project%3D" + key + "&fields=key&maxResults=3",
                "/rest/api/3/search/jql?jql=project%3D" + key + "&fields=*all&maxResults=5",
                "/rest/api/3/issue/" + key + "-6?fields=*all",
                "/rest/api/3/issue/" + key + "-3/comment",
                "/rest/api/3/issue/" + key + "-3/worklog",
                "/rest/api/3/attachment/" + attachment,
                "/rest/api/3/user/bulk/migration?key=JIRAUSER10001&key=JIRAUSER10017",
                "/rest/api/3/user/bulk/migration?username=admin",
                "/rest/api/3/users/search?maxResults=50",
                "/rest/api/3/user?accountId=" + accountId,
                "/rest/api/3/user/bulk?accountId=" + accountId,
                "/rest/api/3/group/bulk",
                "/rest/api/3/group/member?groupId=" + groupId,
                "/rest/api/3/filter/search?expand=jql,owner,description,favourite,viewUrl,searchUrl",
                "/rest/api/3/filter/" + filter,
                "/rest/api/3/dashboard/search?expand=owner",
                "/rest/api/3/dashboard/" + dashboard,
                "/rest/agile/1.0/board",
                "/rest/agile/1.0/board/" + board,
                "/rest/agile/1.0/board/" + board + "/sprint",
                "/rest/agile/1.0/board/" + board + "/configuration",
                "/rest/agile/1.0/sprint/" + sprint,
                "/rest/api/3/search?jql=project%3D" + key,
                "/rest/api/3/search/jql?jql=order%20by%20key",
                "/rest/api/3/issue/NOPE-1",
                "/rest/api/3/project/NOPE")) {
            check(path.startsWith("/rest/agile") ? agile : cloud, "GET", path, sites.cloud(path));
        }
        check(
                cloud,
                "POST",
                "/rest/api/3/search/jql",
                sites.post(
                        sites.sim.destinationBaseUrl() + "/rest/api/3/search/jql",
                        sites.sim.destinationCredentials().basicAuthorization(),
                        "{\"jql\":\"project = " + key + "\",\"maxResults\":3,\"fields\":[\"summary\",\"status\"]}"));
        check(
                cloud,
                "GET",
                "/rest/api/3/statuses/search",
                sites.get(
                        sites.sim.destinationBaseUrl() + "/rest/api/3/statuses/search",
                        basic("auditor@example.org", JiraSimulator.NON_ADMIN_API_TOKEN)));
        check(
                cloud,
                "GET",
                "/rest/api/3/project/search",
                sites.get(sites.sim.destinationBaseUrl() + "/rest/api/3/project/search", null));
        assertThat(failures).isEmpty();
    }

    private static final java.util.regex.Pattern JIRA_TIME =
            java.util.regex.Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d)(\\d\\d)");

    /** A copy with the documented defect workarounds applied (see the class comment). */
    static JsonNode normalised(JsonNode node, boolean dataCenter) {
        JsonNode copy = node.deepCopy();
        normalise(copy, dataCenter);
        return copy;
    }

    private static void normalise(JsonNode node, boolean dataCenter) {
        if (node instanceof tools.jackson.databind.node.ObjectNode object) {
            if (dataCenter && object.has("fields") && object.has("key") && object.has("self")) {
                object.remove("fields");
            }
            for (String name : new ArrayList<>(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString()) {
                    var time = JIRA_TIME.matcher(value.asString());
                    if (time.matches()) {
                        object.put(name, time.group(1) + ":" + time.group(2));
                    } else if (dataCenter
                            && (name.equals("releaseDate") || name.equals("startDate"))
                            && value.asString().matches("\\d{4}-\\d\\d-\\d\\d")) {
                        object.put(name, value.asString() + "T00:00:00.000Z");
                    }
                } else {
                    normalise(value, dataCenter);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> normalise(child, dataCenter));
        }
    }

    private static String firstAttachment(JsonNode issues) {
        for (JsonNode issue : issues) {
            JsonNode attachments = issue.path("fields").path("attachment");
            if (!attachments.isEmpty()) {
                return attachments.get(0).get("id").asString();
            }
        }
        throw new AssertionError("no attachment in the first issues");
    }

    static String basic(String login, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private void check(OpenApiSpec spec, String method, String pathAndQuery, JiraSites.Response response) {
        String prefix = spec == dc ? "/jira" : "";
        String path = prefix + pathAndQuery.split("\\?")[0];
        var operation = spec.operation(method.toLowerCase(), path);
        String where = method + " " + pathAndQuery + " -> " + response.status();
        if (operation.isEmpty()) {
            failures.add(where + ": no such operation in " + spec.name());
            return;
        }
        int status = response.status();
        JsonNode body = response.body();
        if (status >= 400) {
            var violations = spec.violations("ErrorCollection", spec.component("ErrorCollection"), body);
            if (!violations.isEmpty()) {
                failures.add(where + ": error body " + violations);
            }
            assertThat(body.get("errorMessages").size()).as(where).isPositive();
            return;
        }
        if (!spec.documents(operation.get(), status)) {
            failures.add(
                    where + ": status not documented for " + operation.get().template());
            return;
        }
        JsonNode schema = spec.responseSchema(operation.get(), status).orElseThrow();
        String schemaKey = operation.get().template() + " " + method + " " + status;
        List<JsonNode> instances = List.of(body);
        if (spec == dc
                && DC_ITEM_BEAN_DEFECTS.contains(operation.get().template())
                && !schema.path("type").asString("").equals("array")) {
            defectsUsed.add(operation.get().template());
            instances = new ArrayList<>();
            JsonNode items = body.isArray() ? body : body.get("values");
            items.forEach(instances::add);
        }
        for (JsonNode instance : instances) {
            var violations = spec.violations(schemaKey, schema, normalised(instance, spec == dc));
            if (!violations.isEmpty()) {
                failures.add(where + ": " + violations);
                return;
            }
        }
    }
}
