package dev.idmap.service.lookup;

import java.util.List;
import java.util.Objects;

/**
 * Ids to look up in one direction.
 *
 * @param entityType a namespace of the job's product, e.g. {@code identity:user}
 * @param direction whether {@code ids} are Data Center or Cloud ids (or keys)
 * @param ids distinct, in the caller's order
 */
public record LookupQuery(String entityType, Direction direction, List<String> ids) {

    public enum Direction {
        /** Data Center ids, or the natural keys that identify an entity (username, group name, issue key). */
        SERVER,
        /** Cloud ids, or Cloud keys. */
        CLOUD
    }

    public LookupQuery {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(direction, "direction");
        ids = List.copyOf(ids);
    }
}
