package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import java.util.Set;

/**
 * The resumable unit of crawling: one entity type, optionally limited to one project (Jira) or space
 * (Confluence) given by its key. {@code containerKey == null} means the whole site.
 */
public record CrawlScope(EntityType type, String containerKey) {

    public static CrawlScope wholeSite(EntityType type) {
        return new CrawlScope(type, null);
    }

    public static CrawlScope of(EntityType type, String containerKey) {
        return new CrawlScope(type, containerKey);
    }

    /** Stable name used for checkpoints, e.g. {@code jira:issue@PROJ}. */
    public String name() {
        return containerKey == null ? type.namespace() : type.namespace() + "@" + containerKey;
    }

    public boolean within(Set<String> containerKeys) {
        return containerKey == null || containerKeys.isEmpty() || containerKeys.contains(containerKey);
    }
}
