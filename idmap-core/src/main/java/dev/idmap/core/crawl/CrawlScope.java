package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The resumable unit of crawling: the entity types one listing delivers together, optionally limited to one project
 * (Jira) or space (Confluence) given by its key. {@code containerKey == null} means the whole site.
 *
 * <p>Most scopes deliver one type. A listing that reads several types in one walk (Jira's issue search, which
 * carries each issue's comments, worklogs, attachments and links) delivers them in one scope, staged and
 * checkpointed together.
 *
 * @param types the types delivered, leading type first; never empty, no repeats
 * @param containerKey the project or space key, null for the whole site
 * @param usageOf types the run also needs whose use the listing records on the entities it delivers (an issue's
 *     status, issue type, priority and resolution); they are not delivered, and the name leaves them out
 */
public record CrawlScope(List<EntityType> types, String containerKey, Set<EntityType> usageOf) {

    public CrawlScope {
        types = List.copyOf(types);
        usageOf = Set.copyOf(usageOf);
        if (types.isEmpty() || Set.copyOf(types).size() != types.size()) {
            throw new IllegalArgumentException("a crawl scope delivers one or more distinct types: " + types);
        }
    }

    public static CrawlScope wholeSite(EntityType type) {
        return of(type, null);
    }

    public static CrawlScope of(EntityType type, String containerKey) {
        return new CrawlScope(List.of(type), containerKey, Set.of());
    }

    /** One listing delivering several types of one container. */
    public static CrawlScope of(List<EntityType> types, String containerKey, Set<EntityType> usageOf) {
        return new CrawlScope(types, containerKey, usageOf);
    }

    /** The leading type: the only one of a single-type scope. */
    public EntityType type() {
        return types.getFirst();
    }

    public boolean delivers(EntityType type) {
        return types.contains(type);
    }

    /**
     * Stable name used for checkpoints, e.g. {@code jira:issue@PROJ}, or {@code jira:issue+jira:comment@PROJ} for a
     * scope delivering several types.
     */
    public String name() {
        var namespaces = types.stream().map(EntityType::namespace).collect(Collectors.joining("+"));
        return containerKey == null ? namespaces : namespaces + "@" + containerKey;
    }

    public boolean within(Set<String> containerKeys) {
        return containerKey == null || containerKeys.isEmpty() || containerKeys.contains(containerKey);
    }
}
