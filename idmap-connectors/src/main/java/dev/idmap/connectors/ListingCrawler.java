package dev.idmap.connectors;

import dev.idmap.connectors.http.SiteClient;
import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What every crawler does alike, whatever the product: a table of listings (one per entity type), each either
 * whole-site or per container (a Jira project, a Confluence space), and planning and crawling driven by it. A
 * per-container listing crawled without a container key walks every container in key order.
 *
 * <p>A joint listing reads several types in one walk of each container (Jira's issue search carries the comments,
 * worklogs, attachments and links of each issue). A run is planned one scope per container delivering those of
 * its types the run needs; a type planned on its own gets a scope of its own, walked for that type only.
 *
 * @param <C> what a per-container listing receives: the container as the product's crawler knows it
 */
public abstract class ListingCrawler<C> implements SiteCrawler {

    protected final SiteClient client;
    private final Side side;
    private final Map<EntityType, Listing<C>> listings = new EnumMap<>(EntityType.class);
    private final Map<EntityType, JointListing<C>> jointListings = new EnumMap<>(EntityType.class);
    private final Map<EntityType, UsageListing<C>> usageListings = new EnumMap<>(EntityType.class);
    private final List<SkippedDetail> skippedByAccessCheck = new CopyOnWriteArrayList<>();
    private final Set<String> missingEndpoints = ConcurrentHashMap.newKeySet();

    private record Listing<C>(boolean perContainer, ScopeCrawl<C> crawl) {}

    private record JointListing<C>(List<EntityType> types, Set<EntityType> usageOf, JointCrawl<C> crawl) {}

    private record UsageListing<C>(Set<EntityType> usageOf, JointCrawl<C> crawl) {}

    @FunctionalInterface
    protected interface ScopeCrawl<C> {
        /** @param container the container, null for a whole-site listing */
        void crawl(C container, EntitySink sink);
    }

    @FunctionalInterface
    protected interface JointCrawl<C> {
        /** Delivers the scope's types, some of those the joint listing reads, from one walk of the container. */
        void crawl(C container, CrawlScope scope, EntitySink sink);
    }

    protected ListingCrawler(SiteClient client, Side side) {
        this.client = client;
        this.side = side;
    }

    protected final void wholeSite(EntityType type, ScopeCrawl<C> crawl) {
        listings.put(type, new Listing<>(false, crawl));
    }

    /**
     * A whole-site listing that can record on its entities the use of {@code usageOf} types when the run needs
     * those (a project's roles with actors); the crawl reads the run's needs from the scope it receives.
     */
    protected final void wholeSiteRecordingUse(EntityType type, Set<EntityType> usageOf, JointCrawl<C> crawl) {
        usageListings.put(type, new UsageListing<>(Set.copyOf(usageOf), crawl));
    }

    protected final void perContainer(EntityType type, ScopeCrawl<C> crawl) {
        listings.put(type, new Listing<>(true, crawl));
    }

    /**
     * A per-container listing that reads {@code types} (leading type first) in one walk and can record on their
     * entities the use of {@code usageOf} types, when the run needs those.
     */
    protected final void perContainerJointly(List<EntityType> types, Set<EntityType> usageOf, JointCrawl<C> crawl) {
        var joint = new JointListing<>(List.copyOf(types), Set.copyOf(usageOf), crawl);
        types.forEach(type -> jointListings.put(type, joint));
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
        var types = EnumSet.noneOf(EntityType.class);
        types.addAll(listings.keySet());
        types.addAll(jointListings.keySet());
        types.addAll(usageListings.keySet());
        return Collections.unmodifiableSet(types);
    }

    @Override
    public List<CrawlScope> plan(EntityType type, Set<String> onlyContainerKeys) {
        if (usageListings.containsKey(type)
                || (!jointListings.containsKey(type) && !listing(type).perContainer())) {
            return List.of(CrawlScope.wholeSite(type));
        }
        return perContainerScopes(List.of(type), Set.of(), onlyContainerKeys);
    }

    /** Each joint listing is planned once, at its first type the run needs, for all the types of it the run needs. */
    @Override
    public List<CrawlScope> plan(List<EntityType> types, Set<String> onlyContainerKeys) {
        var supported = supportedTypes();
        var scopes = new LinkedHashSet<CrawlScope>();
        var plannedJointly = new HashSet<JointListing<C>>();
        for (var type : types) {
            var joint = jointListings.get(type);
            var recordingUse = usageListings.get(type);
            if (recordingUse != null) {
                var usage =
                        recordingUse.usageOf().stream().filter(types::contains).collect(Collectors.toSet());
                scopes.add(CrawlScope.of(List.of(type), null, usage));
            } else if (joint != null && plannedJointly.add(joint)) {
                var needed = joint.types().stream().filter(types::contains).toList();
                var usage = joint.usageOf().stream().filter(types::contains).collect(Collectors.toSet());
                scopes.addAll(perContainerScopes(needed, usage, onlyContainerKeys));
            } else if (joint == null && supported.contains(type)) {
                scopes.addAll(plan(type, onlyContainerKeys));
            }
        }
        return List.copyOf(scopes);
    }

    private List<CrawlScope> perContainerScopes(
            List<EntityType> types, Set<EntityType> usageOf, Set<String> onlyContainerKeys) {
        return containerKeys().stream()
                .map(key -> CrawlScope.of(types, key, usageOf))
                .filter(scope -> scope.within(onlyContainerKeys))
                .toList();
    }

    @Override
    public void crawl(CrawlScope scope, EntitySink sink) {
        var recordingUse = usageListings.get(scope.type());
        if (recordingUse != null) {
            recordingUse.crawl().crawl(null, scope, sink);
            return;
        }
        var joint = jointListings.get(scope.type());
        if (joint != null) {
            crawlJointly(joint, scope, sink);
            return;
        }
        if (scope.types().size() > 1) {
            throw new IllegalArgumentException(scope.name() + ": " + scope.type() + " is not read jointly");
        }
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

    private void crawlJointly(JointListing<C> joint, CrawlScope scope, EntitySink sink) {
        if (!joint.types().containsAll(scope.types())) {
            throw new IllegalArgumentException(scope.name() + ": not all of these types are read in one listing");
        }
        if (scope.containerKey() == null) {
            for (var key : containerKeys()) {
                joint.crawl().crawl(container(key), scope, sink);
            }
        } else {
            joint.crawl().crawl(container(scope.containerKey()), scope, sink);
        }
    }

    @Override
    public Map<String, Long> requestCounts() {
        return client.requestCounts();
    }

    @Override
    public List<SkippedDetail> detailsSkippedByAccessCheck() {
        return List.copyOf(skippedByAccessCheck);
    }

    /** Where the access check records what it went on without ({@link #detailsSkippedByAccessCheck}). */
    protected final Consumer<SkippedDetail> accessCheck() {
        return skippedByAccessCheck::add;
    }

    /**
     * Runs a follow-up request for one item of a listing that was answered (one project's roles, one board's
     * configuration, one page's attachments) or an auxiliary request. A 404 (the item gone meanwhile, an endpoint the
     * site lacks) skips that detail: {@code skipped} is told, with the item, the request, the answer and
     * {@code consequence}, and the crawl goes on; the listing itself stays available. Any other failure stops the
     * crawl as usual.
     *
     * @param skipped usually the crawl's {@link EntitySink#skipped sink}
     * @param item e.g. {@code issue ABC-1}; null for an auxiliary request
     * @param consequence what the missing detail means for the reports, worded for any number of items
     * @return whether the request was answered
     */
    protected final boolean followUp(
            Consumer<SkippedDetail> skipped, EntityType type, String item, String consequence, Runnable request) {
        try {
            request.run();
            return true;
        } catch (CrawlFailure failure) {
            if (failure.kind() != CrawlFailure.Kind.NOT_OFFERED
                    || failure.exchange().isEmpty()) {
                throw failure;
            }
            skipped.accept(new SkippedDetail(type, item, failure.exchange().get(), consequence));
            return false;
        }
    }

    /**
     * Runs an auxiliary request (one of several to the same {@code endpoint}) unless the endpoint already answered 404
     * in this crawl: the first 404 is told to {@code skipped} as {@link #followUp} does, the later requests are not
     * sent.
     */
    protected final void followUpUnlessMissing(
            String endpoint, Consumer<SkippedDetail> skipped, EntityType type, String consequence, Runnable request) {
        if (!missingEndpoints.contains(endpoint) && !followUp(skipped, type, null, consequence, request)) {
            missingEndpoints.add(endpoint);
        }
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
