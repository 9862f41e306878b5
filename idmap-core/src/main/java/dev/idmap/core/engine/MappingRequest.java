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
 * @param stop asked between entities, parts and phases whether to stop (see {@link StopSignal})
 */
public record MappingRequest(
        String runId,
        Product product,
        SiteConnection source,
        SiteConnection destination,
        Set<EntityType> entityTypes,
        Set<String> containerKeys,
        StopSignal stop) {

    /** A run that is never asked to stop. */
    public MappingRequest(
            String runId,
            Product product,
            SiteConnection source,
            SiteConnection destination,
            Set<EntityType> entityTypes,
            Set<String> containerKeys) {
        this(runId, product, source, destination, entityTypes, containerKeys, StopSignal.NEVER);
    }

    public MappingRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        entityTypes = Set.copyOf(entityTypes);
        containerKeys = Set.copyOf(containerKeys);
        Objects.requireNonNull(stop, "stop");
    }

    /** Throws {@link RunStopped} when the run was asked to stop. */
    public void checkpoint() {
        if (stop.stopRequested()) {
            throw new RunStopped(runId);
        }
    }
}
