package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import java.util.Map;
import java.util.Objects;

/**
 * One entity as a site exposes it, reduced to what matching needs.
 *
 * @param type the entity type
 * @param id the id exactly as the site's REST API returns it ({@code "10042"}, {@code "customfield_10100"},
 *     an accountId, a group name when the site has no group id)
 * @param parentId the id, on the same side, of the container entity of type {@code type.parent()}; null for
 *     global entities (e.g. a company-managed status)
 * @param name the natural name within the container: project or issue key, configuration name, username,
 *     attachment file name; null where the type has none (comments, worklogs, links)
 * @param attributes further natural-key parts, named as in {@code docs/crawl-contract.md}; never null values
 */
public record SiteEntity(EntityType type, String id, String parentId, String name, Map<String, String> attributes) {

    public SiteEntity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        attributes = Map.copyOf(attributes);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }
}
