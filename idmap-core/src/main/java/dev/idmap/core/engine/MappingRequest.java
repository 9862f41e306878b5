package dev.idmap.core.engine;

import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.util.Objects;
import java.util.Set;

/**
 * One mapping run.
 *
 * @param runId identifies the run's staged data and checkpoints; running again with the same id resumes
 * @param product which product
 * @param source the Data Center site
 * @param destination the Cloud site
 * @param entityTypes the types to map; empty means every type of the product
 * @param containerKeys project (or space) keys to limit the run to; empty means all
 */
public record MappingRequest(
        String runId,
        Product product,
        SiteConnection source,
        SiteConnection destination,
        Set<EntityType> entityTypes,
        Set<String> containerKeys) {

    public MappingRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        entityTypes = Set.copyOf(entityTypes);
        containerKeys = Set.copyOf(containerKeys);
    }
}
