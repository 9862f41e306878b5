package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import java.util.Objects;

/**
 * One detail a crawl went on without: a follow-up request for one item of a listing that was answered (one project's
 * roles, one board's configuration, one issue's comments) or an auxiliary request (the Cloud user migration records)
 * that answered 404, or 403 where that is documented. Details of one kind are reported together, as one
 * {@link SkippedDetails.Group}.
 *
 * @param type the entity type whose detail is missing
 * @param item the item whose detail it is, e.g. {@code issue ABC-1}; null for an auxiliary request, which is for no
 *     item
 * @param exchange the request and the site's answer
 * @param consequence what the missing details mean for the reports, the same for every item of the kind, e.g.
 *     "their comments are not in the reports"
 */
public record SkippedDetail(EntityType type, String item, CrawlFailure.Exchange exchange, String consequence) {

    public SkippedDetail {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(consequence, "consequence");
    }
}
