package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Objects;
import java.util.Optional;

/**
 * An entity type one site does not offer: its listing answered 404 (an older version, an app not installed), or 403
 * for an {@link EntityType.Availability#OPTIONAL optional} type. The run maps every other type and reports this one
 * as a warning, with the request and the answer an administrator can repeat.
 *
 * @param side the site that refused
 * @param type the entity type that could not be listed
 * @param containerKey the project or space whose listing was refused, null for a whole-site listing
 * @param request the request, relative to the site's base URL
 * @param answer the site's answer, e.g. {@code HTTP 404 (No endpoint GET /rest/agile/1.0/board)}
 */
public record NotAvailable(Side side, EntityType type, String containerKey, String request, String answer) {

    public NotAvailable {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
    }

    /**
     * Whether the failure of a listing means that the scope's types are not available on that site (rather than a
     * run that must stop): a 404, or a 403 when every type the scope delivers is optional.
     */
    public static boolean means(CrawlFailure failure, CrawlScope scope) {
        if (failure.exchange().isEmpty()) {
            return false;
        }
        return switch (failure.kind()) {
            case NOT_OFFERED -> true;
            case PERMISSION ->
                scope.types().stream().allMatch(t -> t.availability() == EntityType.Availability.OPTIONAL);
            default -> false;
        };
    }

    public Optional<String> container() {
        return Optional.ofNullable(containerKey);
    }

    /** One line for an administrator: what is missing, why, and what it means for the reports. */
    public String message() {
        var where = side == Side.SOURCE ? "source" : "destination";
        var scope = containerKey == null ? "" : " in " + containerKey;
        var consequence = side == Side.SOURCE
                ? "its entities are not in the reports"
                : "its source entities are reported UNMATCHED";
        return type.namespace() + scope + " is not available on the " + where + " site: " + request + " answered "
                + answer + "; " + consequence;
    }
}
