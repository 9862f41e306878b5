package dev.idmap.connectors.confluence;

import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What Confluence Data Center and Confluence Cloud crawl alike: the table of listings (one per entity type) and
 * planning per space key. Subclasses register their listings and say how to list spaces.
 *
 * <p>A listing is either whole-site or per space; a per-space listing crawled without a space key walks every
 * space in key order. Every listing is deterministic: same site, same entities, same order.
 */
public abstract class ConfluenceCrawler implements SiteCrawler {

    protected final SiteClient client;
    private final Side side;
    private final Map<EntityType, Listing> listings = new EnumMap<>(EntityType.class);
    private volatile Map<String, SiteEntity> spacesByKey;

    /** How one entity type is listed: whole site, or one space (by key) at a time. */
    protected record Listing(boolean perSpace, ScopeCrawl crawl) {}

    @FunctionalInterface
    protected interface ScopeCrawl {
        /** @param space the space (a {@link EntityType#SPACE} entity of this site), null for a whole-site listing */
        void crawl(SiteEntity space, EntitySink sink);
    }

    protected ConfluenceCrawler(SiteClient client, Side side) {
        this.client = client;
        this.side = side;
        wholeSite(EntityType.SPACE, (space, sink) -> spacesByKey().values().forEach(sink::accept));
    }

    // --- the table

    protected final void wholeSite(EntityType type, ScopeCrawl crawl) {
        listings.put(type, new Listing(false, crawl));
    }

    protected final void perSpace(EntityType type, ScopeCrawl crawl) {
        listings.put(type, new Listing(true, crawl));
    }

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
        if (!listing(type).perSpace()) {
            return List.of(CrawlScope.wholeSite(type));
        }
        return spacesByKey().keySet().stream()
                .map(key -> CrawlScope.of(type, key))
                .filter(scope -> scope.within(onlyContainerKeys))
                .toList();
    }

    @Override
    public void crawl(CrawlScope scope, EntitySink sink) {
        var listing = listing(scope.type());
        if (!listing.perSpace()) {
            listing.crawl().crawl(null, sink);
        } else if (scope.containerKey() == null) {
            for (var space : spacesByKey().values()) {
                listing.crawl().crawl(space, sink);
            }
        } else {
            listing.crawl().crawl(space(scope.containerKey()), sink);
        }
    }

    @Override
    public Map<String, Long> requestCounts() {
        return client.requestCounts();
    }

    private Listing listing(EntityType type) {
        var listing = listings.get(type);
        if (listing == null) {
            throw new CrawlFailure(
                    CrawlFailure.Kind.UNEXPECTED,
                    client.site() + " cannot list " + type.namespace() + " through its REST API");
        }
        return listing;
    }

    // --- what subclasses say

    /** Every space of the site as a {@link EntityType#SPACE} entity, in any order. */
    protected abstract void forEachSpace(Consumer<SiteEntity> each);

    // --- spaces

    /** The space with this key; the space list is read once per crawler (spaces are few). */
    protected final SiteEntity space(String spaceKey) {
        var space = spacesByKey().get(spaceKey);
        if (space == null) {
            throw new CrawlFailure(CrawlFailure.Kind.UNEXPECTED, client.site() + " has no space with key " + spaceKey);
        }
        return space;
    }

    /** Spaces by key in key order, which is the order of per-space plans and of the space listing itself. */
    private Map<String, SiteEntity> spacesByKey() {
        var known = spacesByKey;
        if (known == null) {
            var spaces = new TreeMap<String, SiteEntity>();
            forEachSpace(space -> spaces.put(space.name(), space));
            known = Collections.unmodifiableMap(spaces);
            spacesByKey = known;
        }
        return known;
    }
}
