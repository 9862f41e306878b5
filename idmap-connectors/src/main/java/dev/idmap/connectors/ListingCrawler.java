package dev.idmap.connectors;

import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every crawler does alike, whatever the product: a table of listings (one per entity type), each either
 * whole-site or per container (a Jira project, a Confluence space), and planning and crawling driven by it. A
 * per-container listing crawled without a container key walks every container in key order.
 *
 * @param <C> what a per-container listing receives: the container as the product's crawler knows it
 */
public abstract class ListingCrawler<C> implements SiteCrawler {

    protected final SiteClient client;
    private final Side side;
    private final Map<EntityType, Listing<C>> listings = new EnumMap<>(EntityType.class);

    private record Listing<C>(boolean perContainer, ScopeCrawl<C> crawl) {}

    @FunctionalInterface
    protected interface ScopeCrawl<C> {
        /** @param container the container, null for a whole-site listing */
        void crawl(C container, EntitySink sink);
    }

    protected ListingCrawler(SiteClient client, Side side) {
        this.client = client;
        this.side = side;
    }

    protected final void wholeSite(EntityType type, ScopeCrawl<C> crawl) {
        listings.put(type, new Listing<>(false, crawl));
    }

    protected final void perContainer(EntityType type, ScopeCrawl<C> crawl) {
        listings.put(type, new Listing<>(true, crawl));
    }

    /** The keys of every container, in key order (the order of plans and of whole-site walks). */
    protected abstract Collection<String> containerKeys();

    /** The container with this key; fails when the site has none. */
    protected abstract C container(String key);

    @Override
    public Side side() {
        return side;
    }

    @Override
    public Set<EntityType> supportedTypes() {
        return Collections.unmodifiableSet(listings.keySet());
    }

    @Override
    public List<CrawlScope> plan(EntityType type, Set<String> onlyContainerKeys) {
        if (!listing(type).perContainer()) {
            return List.of(CrawlScope.wholeSite(type));
        }
        return containerKeys().stream()
                .map(key -> CrawlScope.of(type, key))
                .filter(scope -> scope.within(onlyContainerKeys))
                .toList();
    }

    @Override
    public void crawl(CrawlScope scope, EntitySink sink) {
        var listing = listing(scope.type());
        if (!listing.perContainer()) {
            listing.crawl().crawl(null, sink);
        } else if (scope.containerKey() == null) {
            for (var key : containerKeys()) {
                listing.crawl().crawl(container(key), sink);
            }
        } else {
            listing.crawl().crawl(container(scope.containerKey()), sink);
        }
    }

    @Override
    public Map<String, Long> requestCounts() {
        return client.requestCounts();
    }

    private Listing<C> listing(EntityType type) {
        var listing = listings.get(type);
        if (listing == null) {
            throw new CrawlFailure(
                    CrawlFailure.Kind.UNEXPECTED,
                    client.site() + " cannot list " + type.namespace() + " through its REST API");
        }
        return listing;
    }
}
