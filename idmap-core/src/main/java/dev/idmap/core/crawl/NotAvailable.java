package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something one site does not offer. Either a whole entity type: its listing answered 404 (an older version, an app
 * not installed), or 403 for an {@link EntityType.Availability#OPTIONAL optional} type; or details of a type that
 * is still mapped: follow-up requests of one kind for some items (the roles of some projects, the configurations of
 * some boards, the attachments of some pages), or an auxiliary endpoint (the Cloud site's user migration records),
 * answered 404, and the crawl went on without them ({@link SkippedDetails.Group}). The run maps everything else and
 * reports each as one warning, with a request and the answer an administrator can repeat.
 *
 * @param side the site that refused
 * @param type the entity type that could not be listed, or whose detail is missing
 * @param containerKey the project or space whose listing was refused, null for a whole-site listing
 * @param request the request (for details: one of them), relative to the site's base URL
 * @param answer the site's answer, e.g. {@code HTTP 404 (No endpoint GET /rest/agile/1.0/board)}
 * @param consequence null when the whole type (in the container) is not available; otherwise what the missing
 *     details mean for the reports, the type being mapped anyway (e.g. "users are matched by e-mail address only")
 * @param items for details: how many items lack them (0 in warnings stored before details were counted)
 * @param examples for details: the first few of those items, e.g. {@code issue ABC-1}
 */
public record NotAvailable(
        Side side,
        EntityType type,
        String containerKey,
        String request,
        String answer,
        String consequence,
        long items,
        List<String> examples) {

    public NotAvailable {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
        examples = examples == null ? List.of() : List.copyOf(examples); // null: stored before it existed
    }

    /** A whole type (in {@code containerKey}) the site does not list. */
    public NotAvailable(Side side, EntityType type, String containerKey, String request, String answer) {
        this(side, type, containerKey, request, answer, null, 0, List.of());
    }

    /** The details of one kind a site did not give, as one warning. */
    static NotAvailable details(SkippedDetails.Group group) {
        return new NotAvailable(
                group.side(),
                group.type(),
                null,
                group.request(),
                group.answer(),
                group.consequence(),
                group.items(),
                group.examples());
    }

    /** Whether the whole type (in its container) is missing, rather than one detail of a type that was mapped. */
    public boolean wholeType() {
        return consequence == null;
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
        if (!wholeType()) {
            return type.namespace() + scope + ": " + (items > 1 ? "details are" : "a detail is")
                    + " not available on the " + where + " site" + forItems() + ": " + (items > 1 ? "e.g. " : "")
                    + request + " answered " + answer + "; " + consequence;
        }
        var consequence = side == Side.SOURCE
                ? "its entities are not in the reports"
                : "its source entities are reported UNMATCHED";
        return type.namespace() + scope + " is not available on the " + where + " site: " + request + " answered "
                + answer + "; " + consequence;
    }

    /** e.g. {@code  for issue ABC-1}, {@code  for 7 items (issue ABC-1, issue ABC-2, … and 2 more)}. */
    private String forItems() {
        if (examples.isEmpty()) {
            return "";
        }
        if (items <= 1) {
            return " for " + examples.getFirst();
        }
        var more = items - examples.size();
        return " for " + items + " items (" + String.join(", ", examples) + (more > 0 ? " and " + more + " more" : "")
                + ")";
    }
}
