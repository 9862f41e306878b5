package dev.idmap.connectors.confluence;

import dev.idmap.connectors.ListingCrawler;
import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What Confluence Data Center and Confluence Cloud crawl alike: the table of listings (one per entity type) and
 * planning per space key. Subclasses register their listings and say how to list spaces.
 *
 * <p>A listing is either whole-site or per space; a per-space listing crawled without a space key walks every
 * space in key order. Every listing is deterministic: same site, same entities, same order.
 */
public abstract class ConfluenceCrawler extends ListingCrawler<SiteEntity> {

    private volatile Map<String, SiteEntity> spacesByKey;

    protected ConfluenceCrawler(SiteClient client, Side side) {
        super(client, side);
        wholeSite(EntityType.SPACE, (space, sink) -> spacesByKey().values().forEach(sink::accept));
    }

    // --- the table: listings per space

    /** A per-space listing receives the space (a {@link EntityType#SPACE} entity of this site). */
    protected final void perSpace(EntityType type, ScopeCrawl<SiteEntity> crawl) {
        perContainer(type, crawl);
    }

    @Override
    protected Collection<String> containerKeys() {
        return spacesByKey().keySet();
    }

    @Override
    protected SiteEntity container(String spaceKey) {
        return space(spaceKey);
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
