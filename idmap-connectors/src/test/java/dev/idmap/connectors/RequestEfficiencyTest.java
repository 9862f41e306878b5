package dev.idmap.connectors;

import static dev.idmap.connectors.SimulatedSites.crawlEverything;
import static dev.idmap.connectors.SimulatedSites.destination;
import static dev.idmap.connectors.SimulatedSites.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import dev.idmap.sim.SimConfig;
import dev.idmap.sim.SimProduct;
import dev.idmap.sim.SimSite;
import dev.idmap.sim.Simulator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Requests a full crawl of the default simulated migration issues, endpoint by endpoint, against the minimum number of
 * pages: what a client that knew every count beforehand would need with the documented maximum page sizes, reading
 * each listing once. The table is printed; the only differences allowed are the documented ones.
 */
class RequestEfficiencyTest {

    @Test
    void a_full_crawl_issues_the_minimum_number_of_pages_except_where_the_api_leaves_no_choice() {
        try (var sim = Simulator.start(SimConfig.defaults(SimProduct.JIRA))) {
            var crawlers = new AtlassianCrawlers();
            // given / when
            var dc = crawlers.open(Product.JIRA, Side.SOURCE, source(sim));
            var dcEntities = crawlEverything(dc);
            var cloud = crawlers.open(Product.JIRA, Side.DESTINATION, destination(sim));
            var cloudEntities = crawlEverything(cloud);
            // then
            var dcMinimum = dataCenterMinimum(dcEntities);
            var cloudMinimum = cloudMinimum(cloudEntities);
            print("Data Center", dc.requestCounts(), dcMinimum);
            print("Cloud", cloud.requestCounts(), cloudMinimum);

            // nothing hidden: the sites received exactly what the crawlers counted (no retries in a clean run)
            assertSiteReceived(sim.requestCounts(SimSite.SOURCE), dc.requestCounts());
            assertSiteReceived(sim.requestCounts(SimSite.DESTINATION), cloud.requestCounts());

            var dcRequests = new TreeMap<>(dc.requestCounts());
            var probes = dcRequests.remove("GET /rest/api/2/filter/{id}");
            assertThat(probes)
                    .as("filter probes: one per filter not among the favourites, plus the gap")
                    .isGreaterThanOrEqualTo(100L);
            dcMinimum.remove("GET /rest/api/2/filter/{id}");
            assertThat(dcRequests).isEqualTo(dcMinimum);

            var cloudRequests = new TreeMap<>(cloud.requestCounts());
            assertThat(cloudRequests.get("GET /rest/api/3/users/search"))
                    .as("a bare array has no isLast: one empty page ends it")
                    .isEqualTo(cloudMinimum.get("GET /rest/api/3/users/search") + 1);
            cloudRequests.remove("GET /rest/api/3/users/search");
            cloudMinimum.remove("GET /rest/api/3/users/search");
            assertThat(cloudRequests).isEqualTo(cloudMinimum);
        }
    }

    private static TreeMap<String, Long> dataCenterMinimum(Map<EntityType, List<SiteEntity>> e) {
        var api = "GET /rest/api/2";
        var min = new TreeMap<String, Long>();
        min.put(api + "/user/list", pages(count(e, EntityType.JIRA_USER), 2000));
        min.put(api + "/groups/picker", pages(count(e, EntityType.JIRA_GROUP), 20));
        for (var list : List.of(
                "/project",
                "/projectCategory",
                "/priority",
                "/resolution",
                "/issuetype",
                "/status",
                "/issueLinkType",
                "/role",
                "/field",
                "/filter/favourite")) {
            min.put(api + list, 1L);
        }
        min.put(
                api + "/customFields/{customFieldId}/options",
                perContainer(
                        e,
                        EntityType.CUSTOM_FIELD,
                        RequestEfficiencyTest::hasOptions,
                        EntityType.CUSTOM_FIELD_OPTION,
                        1000));
        long projects = count(e, EntityType.PROJECT);
        min.put(api + "/project/{projectIdOrKey}/components", projects);
        min.put(api + "/project/{projectIdOrKey}/versions", projects);
        rolesInUse(e, api, min);
        min.put(api + "/filter/{id}", count(e, EntityType.FILTER));
        min.put(api + "/dashboard", pages(count(e, EntityType.DASHBOARD), 1000));
        agile(e, min);
        // one walk per project for issues and their content
        min.put(api + "/search", perContainer(e, EntityType.PROJECT, p -> true, EntityType.ISSUE, 1000));
        return min;
    }

    /** Role actors exist only per project and role: the roles of each project, then each role's actors there. */
    private static void rolesInUse(Map<EntityType, List<SiteEntity>> e, String api, Map<String, Long> min) {
        long projects = count(e, EntityType.PROJECT);
        min.put(api + "/project/{projectIdOrKey}/role", projects);
        min.put(api + "/project/{projectIdOrKey}/role/{id}", projects * count(e, EntityType.PROJECT_ROLE));
    }

    private static TreeMap<String, Long> cloudMinimum(Map<EntityType, List<SiteEntity>> e) {
        var api = "GET /rest/api/3";
        var min = new TreeMap<String, Long>();
        min.put(api + "/users/search", pages(count(e, EntityType.JIRA_USER), 1000));
        min.put(api + "/group/bulk", pages(count(e, EntityType.JIRA_GROUP), 50));
        min.put(api + "/project/search", pages(count(e, EntityType.PROJECT), 100));
        for (var list : List.of("/projectCategory", "/issuetype", "/issueLinkType", "/role", "/field")) {
            min.put(api + list, 1L);
        }
        rolesInUse(e, api, min);
        min.put(api + "/priority/search", pages(count(e, EntityType.PRIORITY), 50));
        min.put(api + "/resolution/search", pages(count(e, EntityType.RESOLUTION), 50));
        min.put(api + "/statuses/search", pages(count(e, EntityType.ISSUE_STATUS), 200));
        min.put(
                api + "/field/{fieldId}/context",
                perContainer(e, EntityType.CUSTOM_FIELD, f -> true, EntityType.CUSTOM_FIELD_CONTEXT, 50));
        long mappedFields = e.get(EntityType.CUSTOM_FIELD_CONTEXT).stream()
                .filter(c -> "false".equals(c.attribute("global")))
                .map(SiteEntity::parentId)
                .distinct()
                .count();
        if (mappedFields > 0) {
            min.put(api + "/field/{fieldId}/context/projectmapping", mappedFields);
        }
        long optionPages = 0;
        var optionFields = e.get(EntityType.CUSTOM_FIELD).stream()
                .filter(RequestEfficiencyTest::hasOptions)
                .map(SiteEntity::id)
                .collect(Collectors.toSet());
        var optionsPerContext = e.get(EntityType.CUSTOM_FIELD_OPTION).stream()
                .collect(Collectors.groupingBy(o -> o.attribute("contextId"), Collectors.counting()));
        for (var context : e.get(EntityType.CUSTOM_FIELD_CONTEXT)) {
            if (optionFields.contains(context.parentId())) {
                optionPages += pages(optionsPerContext.getOrDefault(context.id(), 0L), 1000);
            }
        }
        min.put(api + "/field/{fieldId}/context/{contextId}/option", optionPages);
        min.put(
                api + "/project/{projectIdOrKey}/component",
                perContainer(e, EntityType.PROJECT, p -> true, EntityType.COMPONENT, 50));
        min.put(
                api + "/project/{projectIdOrKey}/version",
                perContainer(e, EntityType.PROJECT, p -> true, EntityType.VERSION, 50));
        min.put(api + "/filter/search", pages(count(e, EntityType.FILTER), 100));
        min.put(api + "/dashboard/search", pages(count(e, EntityType.DASHBOARD), 100));
        agile(e, min);
        min.put(
                api + "/search/jql",
                // one walk per project for issues and their content: 100 a page once fields beyond id/key are read
                perContainer(e, EntityType.PROJECT, p -> true, EntityType.ISSUE, 100));
        return min;
    }

    /** Boards (one listing), their configuration (the filter id), the sprints of each scrum board. */
    private static void agile(Map<EntityType, List<SiteEntity>> e, Map<String, Long> min) {
        long boards = count(e, EntityType.BOARD);
        min.put("GET /rest/agile/1.0/board", pages(boards, 50));
        min.put("GET /rest/agile/1.0/board/{boardId}/configuration", boards);
        min.put(
                "GET /rest/agile/1.0/board/{boardId}/sprint",
                perContainer(e, EntityType.BOARD, b -> "scrum".equals(b.attribute("type")), EntityType.SPRINT, 50));
    }

    private static long count(Map<EntityType, List<SiteEntity>> e, EntityType type) {
        return e.getOrDefault(type, List.of()).size();
    }

    /** Pages of a listing of {@code items}: an empty listing still takes one request. */
    private static long pages(long items, int pageSize) {
        return Math.max(1, (items + pageSize - 1) / pageSize);
    }

    /** One paged listing per container of {@code containerType} that passes {@code which}. */
    private static long perContainer(
            Map<EntityType, List<SiteEntity>> e,
            EntityType containerType,
            Predicate<SiteEntity> which,
            EntityType itemType,
            int pageSize) {
        var perParent =
                e.get(itemType).stream().collect(Collectors.groupingBy(SiteEntity::parentId, Collectors.counting()));
        return e.get(containerType).stream()
                .filter(which)
                .map(SiteEntity::id)
                .map(id -> pages(perParent.getOrDefault(id, 0L), pageSize))
                .mapToLong(Long::longValue)
                .sum();
    }

    private static boolean hasOptions(SiteEntity field) {
        var type = field.attribute("fieldType");
        return type != null
                && (type.endsWith(":select")
                        || type.endsWith(":multiselect")
                        || type.endsWith(":radiobuttons")
                        || type.endsWith(":multicheckboxes")
                        || type.endsWith(":cascadingselect"));
    }

    /**
     * The simulator counts requests for endpoints it does not serve (board configuration, context project mapping)
     * under one "(no route)" key; the crawler answers those 404s by leaving the attribute out.
     */
    private static void assertSiteReceived(Map<String, Long> received, Map<String, Long> issued) {
        long unrouted = received.getOrDefault("GET (no route)", 0L);
        var served = new TreeMap<>(received);
        served.remove("GET (no route)");
        var issuedToServed = new TreeMap<String, Long>();
        long issuedToUnserved = 0;
        for (var entry : issued.entrySet()) {
            if (served.containsKey(entry.getKey())) {
                issuedToServed.put(entry.getKey(), entry.getValue());
            } else {
                issuedToUnserved += entry.getValue();
            }
        }
        assertThat(served).isEqualTo(issuedToServed);
        assertThat(unrouted).isEqualTo(issuedToUnserved);
    }

    private static void print(String site, Map<String, Long> requests, Map<String, Long> minimum) {
        var endpoints = new java.util.TreeSet<String>();
        endpoints.addAll(requests.keySet());
        endpoints.addAll(minimum.keySet());
        long issued = 0;
        long floor = 0;
        System.out.printf("%n%s: requests issued vs minimum pages%n", site);
        for (var endpoint : endpoints) {
            long r = requests.getOrDefault(endpoint, 0L);
            long m = minimum.getOrDefault(endpoint, 0L);
            issued += r;
            floor += m;
            System.out.printf("  %-60s %6d %6d%n", endpoint, r, m);
        }
        System.out.printf("  %-60s %6d %6d%n", "total", issued, floor);
    }
}
