package dev.idmap.connectors;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.sim.GroundTruthRow;
import dev.idmap.sim.SimulatedMigration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Vocabulary of the crawler tests: connections to a simulated migration, whole-site crawls, report-form ids. */
final class SimulatedSites {

    private SimulatedSites() {}

    static SiteConnection source(SimulatedMigration sim) {
        var credentials = sim.sourceCredentials();
        return new SiteConnection(sim.sourceBaseUrl(), new SiteAuth.Basic(credentials.login(), credentials.secret()));
    }

    static SiteConnection destination(SimulatedMigration sim) {
        var credentials = sim.destinationCredentials();
        return new SiteConnection(
                sim.destinationBaseUrl(), new SiteAuth.Basic(credentials.login(), credentials.secret()));
    }

    /**
     * Every entity of every type the crawler supports, planned as one run (types read in one listing share its
     * scopes), per type in crawl order.
     */
    static Map<EntityType, List<SiteEntity>> crawlEverything(SiteCrawler crawler) {
        var entities = new LinkedHashMap<EntityType, List<SiteEntity>>();
        var types = new TreeSet<>(crawler.supportedTypes());
        types.forEach(type -> entities.put(type, new ArrayList<>()));
        for (CrawlScope scope : crawler.plan(List.copyOf(types), Set.of())) {
            crawler.crawl(scope, e -> entities.get(e.type()).add(e));
        }
        return entities;
    }

    /** The id as the reports (and the simulator's ground truth) write it: custom fields as their number. */
    static String reportId(SiteEntity entity) {
        var id = entity.id();
        return id.startsWith("customfield_") ? id.substring("customfield_".length()) : id;
    }

    /** Crawled ids in report form per namespace. */
    static Map<String, Set<String>> idsByNamespace(Map<EntityType, List<SiteEntity>> crawled) {
        var ids = new TreeMap<String, Set<String>>();
        crawled.forEach((type, list) -> list.forEach(
                e -> ids.computeIfAbsent(type.namespace(), n -> new TreeSet<>()).add(reportId(e))));
        return ids;
    }

    /** Ground-truth ids of one side per namespace: server ids, or the Cloud ids of what was migrated. */
    static Map<String, Set<String>> truthIds(List<GroundTruthRow> truth, boolean serverSide) {
        var ids = new TreeMap<String, Set<String>>();
        for (var row : truth) {
            if (serverSide) {
                ids.computeIfAbsent(row.entityType(), n -> new TreeSet<>()).add(row.serverId());
            } else if (row.migrated()) {
                ids.computeIfAbsent(row.entityType(), n -> new TreeSet<>()).add(row.cloudId());
            }
        }
        return ids;
    }
}
