package dev.idmap.service.lookup;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.util.ArrayList;
import java.util.List;

/** Answers lookups of one finished job from its lookup table. */
public class Lookups {

    private final LookupTable table;

    public Lookups(LookupTable table) {
        this.table = table;
    }

    /** The entity type was not one of the product's namespaces. */
    public static final class UnknownEntityType extends RuntimeException {
        private final List<String> valid;

        UnknownEntityType(String entityType, Product product, List<String> valid) {
            super("entityType " + entityType + " is not a " + product + " entity type; valid ones: "
                    + String.join(", ", valid));
            this.valid = List.copyOf(valid);
        }

        public List<String> valid() {
            return valid;
        }
    }

    public Lookup answer(String jobId, Product product, LookupQuery query) {
        var type = EntityType.byNamespace(product, query.entityType())
                .orElseThrow(() -> new UnknownEntityType(query.entityType(), product, namespaces(product)));
        var found = query.direction() == LookupQuery.Direction.SERVER
                ? table.byServer(jobId, type, query.ids())
                : table.byCloud(jobId, type, query.ids());
        var mappings = new ArrayList<Lookup.Mapping>();
        var unresolved = new ArrayList<Lookup.Unresolved>();
        var notFound = new ArrayList<String>();
        for (var id : query.ids()) {
            var rows = found.get(id);
            if (rows == null) {
                notFound.add(id);
                continue;
            }
            for (var row : rows) {
                if (row.status() == MatchStatus.MATCHED) {
                    mappings.add(new Lookup.Mapping(
                            query.entityType(),
                            row.serverId(),
                            row.cloudId(),
                            row.serverKey(),
                            row.cloudKey(),
                            lookedUpBy(query.direction(), id, row)));
                } else {
                    unresolved.add(new Lookup.Unresolved(
                            id, row.serverId(), row.serverKey(), row.status(), row.reason(), row.candidates()));
                }
            }
        }
        return new Lookup(jobId, query.entityType(), mappings, notFound, unresolved);
    }

    /** The namespaces a lookup of this product accepts, in table order. */
    public static List<String> namespaces(Product product) {
        return EntityType.of(product).stream().map(EntityType::namespace).toList();
    }

    private static String lookedUpBy(LookupQuery.Direction direction, String id, LookupTable.Row row) {
        return switch (direction) {
            case SERVER -> id.equals(row.serverId()) ? null : "serverKey";
            case CLOUD -> id.equals(row.cloudId()) ? null : "cloudKey";
        };
    }
}
