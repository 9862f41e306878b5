package dev.idmap.core.rewrite;

import dev.idmap.core.match.MatchStatus;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Server ids and keys to their Cloud counterparts, from idmap's reports (see {@link MappingReports}). Only a MATCHED
 * row resolves; an AMBIGUOUS or UNMATCHED row, an unknown id, and an id two reports disagree about resolve to
 * {@link NotMapped} with the reason.
 */
public final class IdMapping {

    /** One row of a report, as far as rewriting needs it; keys and container only in detailed reports. */
    public record Row(
            EntityType type,
            String serverId,
            String cloudId,
            MatchStatus status,
            String serverKey,
            String cloudKey,
            String container,
            String reason) {

        boolean matched() {
            return status == MatchStatus.MATCHED && cloudId != null && !cloudId.isEmpty();
        }
    }

    /** What an id or key resolves to. */
    public sealed interface Resolution permits Mapped, NotMapped {}

    public record Mapped(Row row) implements Resolution {
        public String cloudId() {
            return row.cloudId();
        }
    }

    public record NotMapped(String reason) implements Resolution {}

    private final Map<EntityType, Map<String, Row>> byId = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Map<String, List<Row>>> byKey = new EnumMap<>(EntityType.class);
    private final Set<Product> products = EnumSet.noneOf(Product.class);
    private final Set<Product> detailed = EnumSet.noneOf(Product.class);

    IdMapping() {}

    void add(Row row, boolean fromDetailedReport) {
        products.add(row.type().product());
        if (fromDetailedReport) {
            detailed.add(row.type().product());
        }
        var ids = byId.computeIfAbsent(row.type(), t -> new HashMap<>());
        var known = ids.get(row.serverId());
        if (known == null) {
            ids.put(row.serverId(), row);
        } else if (known.matched() && row.matched() && known.cloudId().equals(row.cloudId())) {
            if (known.serverKey() == null) {
                ids.put(row.serverId(), row); // the detailed row of the same mapping carries the keys
            }
        } else if (known.matched() || row.matched()) {
            ids.put(
                    row.serverId(),
                    new Row(
                            row.type(),
                            row.serverId(),
                            null,
                            MatchStatus.AMBIGUOUS,
                            known.serverKey() != null ? known.serverKey() : row.serverKey(),
                            null,
                            known.container() != null ? known.container() : row.container(),
                            "the mapping files disagree (" + describe(known) + " and " + describe(row) + ")"));
        }
        if (row.serverKey() != null) {
            byKey.computeIfAbsent(row.type(), t -> new HashMap<>())
                    .computeIfAbsent(key(row.container(), row.serverKey()), k -> new ArrayList<>(1))
                    .add(row);
        }
    }

    /** The products some loaded report covers. */
    public Set<Product> products() {
        return Set.copyOf(products);
    }

    /** Whether a detailed report (with keys, titles and containers) was loaded for the product. */
    public boolean hasDetails(Product product) {
        return detailed.contains(product);
    }

    /** The id of an entity of this type. */
    public Resolution byId(EntityType type, String serverId) {
        var row = byId.getOrDefault(type, Map.of()).get(serverId);
        if (row == null) {
            return new NotMapped(type.namespace() + " " + serverId + " is not in the mapping");
        }
        return resolution(row, type.namespace() + " " + serverId);
    }

    /**
     * The one entity of any of these types with this id; Confluence content ids (pages and blog posts) share one
     * sequence, so a content id is provably of the one type that knows it.
     */
    public Resolution byId(Collection<EntityType> types, String serverId) {
        if (types.size() == 1) {
            return byId(types.iterator().next(), serverId);
        }
        Row found = null;
        for (var type : types) {
            var row = byId.getOrDefault(type, Map.of()).get(serverId);
            if (row != null) {
                if (found != null) {
                    return new NotMapped(
                            "id " + serverId + " is both a " + found.type().namespace() + " and a " + type.namespace());
                }
                found = row;
            }
        }
        if (found == null) {
            return new NotMapped("id " + serverId + " is not in the mapping as "
                    + String.join(
                            " or ", types.stream().map(EntityType::namespace).toList()));
        }
        return resolution(found, found.type().namespace() + " " + serverId);
    }

    /**
     * The one entity of this type with this server key (space key, issue key, user name, page title within the
     * space {@code container}); needs a detailed report.
     */
    public Resolution byKey(EntityType type, String container, String serverKey) {
        var what = type.namespace() + " '" + serverKey + "'" + (container == null ? "" : " in " + container);
        if (!detailed.contains(type.product())) {
            return new NotMapped(what + ": keys and titles are only in the detailed report; give it with --mapping");
        }
        var rows = byKey.getOrDefault(type, Map.of()).getOrDefault(key(container, serverKey), List.of());
        if (rows.isEmpty()) {
            return new NotMapped(what + " is not in the mapping");
        }
        if (rows.size() > 1) {
            return new NotMapped(rows.size() + " entities are " + what + "; not guessing");
        }
        return resolution(byId.get(type).get(rows.get(0).serverId()), what);
    }

    /** A user by user key, else by user name. */
    public Resolution user(Product product, String keyOrName) {
        var type = product == Product.JIRA ? EntityType.JIRA_USER : EntityType.CONFLUENCE_USER;
        var byUserKey = byId.getOrDefault(type, Map.of()).get(keyOrName);
        if (byUserKey != null) {
            return resolution(byUserKey, "user " + keyOrName);
        }
        var byName = byKey(type, null, keyOrName);
        return byName instanceof NotMapped
                ? new NotMapped("user '" + keyOrName + "' is not in the mapping by user key or user name"
                        + (detailed.contains(product) ? "" : " (user names are only in the detailed report)"))
                : byName;
    }

    /** The Cloud key of a space by its server key, falling back to the server key when only ids are known. */
    public Optional<String> cloudSpaceKey(String serverSpaceKey) {
        if (serverSpaceKey == null) {
            return Optional.empty();
        }
        return byKey(EntityType.SPACE, null, serverSpaceKey) instanceof Mapped(var row) && row.cloudKey() != null
                ? Optional.of(row.cloudKey())
                : Optional.empty();
    }

    /** Every MATCHED row of a type, in no particular order. */
    public List<Row> matched(EntityType type) {
        return byId.getOrDefault(type, Map.of()).values().stream()
                .filter(Row::matched)
                .toList();
    }

    private static Resolution resolution(Row row, String what) {
        if (row.matched()) {
            return new Mapped(row);
        }
        var why = row.reason() == null || row.reason().isBlank() ? "" : ": " + row.reason();
        return new NotMapped(what + " is " + row.status() + " in the mapping" + why);
    }

    private static String describe(Row row) {
        return row.matched() ? row.cloudId() : row.status().name();
    }

    private static String key(String container, String serverKey) {
        return (container == null ? "" : container) + "\u0000" + serverKey;
    }
}
