package dev.idmap.connectors.confluence;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.crawl.SkippedDetail;
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

/** Vocabulary of the Confluence crawler tests: connections to a simulated migration, whole-site crawls. */
final class ConfluenceSites {

    private ConfluenceSites() {}

    static SiteConnection source(SimulatedMigration sim) {
        var credentials = sim.sourceCredentials();
        return new SiteConnection(sim.sourceBaseUrl(), new SiteAuth.Basic(credentials.login(), credentials.secret()));
    }

    static SiteConnection destination(SimulatedMigration sim) {
        var credentials = sim.destinationCredentials();
        return new SiteConnection(
                sim.destinationBaseUrl(), new SiteAuth.Basic(credentials.login(), credentials.secret()));
    }

    /** Every entity of every type the crawler supports, type by type, scope by scope, in crawl order. */
    static Map<EntityType, List<SiteEntity>> crawlEverything(SiteCrawler crawler) {
        return crawlEverything(crawler, new ArrayList<>());
    }

    /** As {@link #crawlEverything(SiteCrawler)}, adding the details the crawl went on without to {@code skipped}. */
    static Map<EntityType, List<SiteEntity>> crawlEverything(SiteCrawler crawler, List<SkippedDetail> skipped) {
        var entities = new LinkedHashMap<EntityType, List<SiteEntity>>();
        for (var type : new TreeSet<>(crawler.supportedTypes())) {
            entities.put(type, crawlType(crawler, type, skipped));
        }
        return entities;
    }

    static List<SiteEntity> crawlType(SiteCrawler crawler, EntityType type) {
        return crawlType(crawler, type, new ArrayList<>());
    }

    /** The entities of one type, adding the details the crawl went on without to {@code skipped}. */
    static List<SiteEntity> crawlType(SiteCrawler crawler, EntityType type, List<SkippedDetail> skipped) {
        var list = new ArrayList<SiteEntity>();
        for (CrawlScope scope : crawler.plan(type, Set.of())) {
            crawler.crawl(scope, new EntitySink() {
                @Override
                public void accept(SiteEntity entity) {
                    list.add(entity);
                }

                @Override
                public void skipped(SkippedDetail detail) {
                    synchronized (skipped) {
                        skipped.add(detail);
                    }
                }
            });
        }
        return list;
    }

    /** Crawled ids per namespace. */
    static Map<String, Set<String>> idsByNamespace(Map<EntityType, List<SiteEntity>> crawled) {
        var ids = new TreeMap<String, Set<String>>();
        crawled.forEach((type, list) -> list.forEach(
                e -> ids.computeIfAbsent(type.namespace(), n -> new TreeSet<>()).add(e.id())));
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

    /** The ids of {@code expected} per namespace that {@code crawled} lacks; empty when none is missing. */
    static Map<String, Set<String>> missing(Map<String, Set<String>> expected, Map<String, Set<String>> crawled) {
        var missing = new TreeMap<String, Set<String>>();
        expected.forEach((namespace, ids) -> {
            var absent = new TreeSet<>(ids);
            absent.removeAll(crawled.getOrDefault(namespace, Set.of()));
            if (!absent.isEmpty()) {
                missing.put(namespace, absent);
            }
        });
        return missing;
    }
}
