package dev.idmap.core.engine;

import dev.idmap.core.crawl.CrawlerFactory;
import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SkippedDetails;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.match.UserRule;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import dev.idmap.core.report.Decisions;
import dev.idmap.core.report.DetailedRow;
import dev.idmap.core.report.ReportWriter;
import dev.idmap.core.storage.PostgresCopy;
import dev.idmap.core.storage.StagingFailure;
import dev.idmap.core.storage.StagingSchema;
import dev.idmap.core.storage.StagingStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The mapping engine: crawl both sites into staging tables, match there, write the reports from there.
 *
 * <p><b>Memory is bounded whatever the site size.</b> Crawlers stream entities into part writers (one per crawl
 * worker, {@value #DEFAULT_CRAWL_WORKERS} by default, over both sites at once) that hold at most one batch (500 rows)
 * before flushing it to the database; matching is one SQL join per type whose result
 * is consumed one source entity at a time (fetch size 1000, so PostgreSQL uses a cursor); reports are one ordered
 * query streamed into the files. What stays on the heap is proportional to the number of crawl parts (types ×
 * projects), never to the number of issues, comments or users.
 *
 * <p><b>Resumable.</b> Each part (run × side × scope) is checkpointed in the same transaction as its last batch.
 * Running again with the same run id skips finished parts and wipes and redoes an interrupted one. Matching and
 * reporting are recomputed from the staged data on every run; they are deterministic, so the reports of a resumed
 * run are byte-identical to those of an uninterrupted one.
 */
public final class StagedMappingEngine implements MappingEngine {

    static final String USER_LOOKUP_SCOPE = "identity:user#migration-records";
    private static final int USER_LOOKUP_CHUNK = 100;

    private final DataSource staging;
    private final CrawlerFactory crawlers;
    private final MatchRules rules;
    private final StagingStore store;
    private final int crawlWorkers;

    /** Parts crawled at once by default: enough to overlap both sites' walks, few enough for small databases. */
    public static final int DEFAULT_CRAWL_WORKERS = 4;

    /**
     * Types matched at once on PostgreSQL (each worker holds two connections while matching): one worker's database
     * joins while another's engine decides. On H2 the database runs in the engine's own process and types are matched
     * one after another.
     */
    public static final int DEFAULT_MATCH_WORKERS = 2;

    private volatile boolean schemaReady;

    public StagedMappingEngine(DataSource staging, CrawlerFactory crawlers, InstantSource clock) {
        this(staging, crawlers, clock, DEFAULT_CRAWL_WORKERS);
    }

    /**
     * @param crawlWorkers parts crawled at once, over both sites (each holds one staging connection while it works)
     */
    public StagedMappingEngine(DataSource staging, CrawlerFactory crawlers, InstantSource clock, int crawlWorkers) {
        if (crawlWorkers < 1) {
            throw new IllegalArgumentException("crawlWorkers must be at least 1, was " + crawlWorkers);
        }
        this.crawlWorkers = crawlWorkers;
        this.staging = staging;
        this.crawlers = crawlers;
        this.rules = MatchRules.standard();
        this.store = new StagingStore(staging, rules, clock);
    }

    @Override
    public MappingOutcome run(MappingRequest request, Path outputDir, ProgressListener listener) {
        ensureSchema();
        var progress = new SafeProgress(listener);
        var requested = requestedTypes(request);
        var needed = rules.withDependencies(request.product(), requested);
        var order = rules.dependencyOrder(needed);

        var source = crawlers.open(request.product(), Side.SOURCE, request.source());
        var destination = crawlers.open(request.product(), Side.DESTINATION, request.destination());
        source.verifyAccess();
        destination.verifyAccess();
        store.registerRun(
                request.runId(),
                request.product().name(),
                request.source().baseUrl().toString(),
                request.destination().baseUrl().toString());

        var sourceParts = source.plan(order, request.containerKeys());
        requireKnownContainers(request.containerKeys(), source, order);
        var destinationParts = destination.plan(order, request.containerKeys());
        var userType =
                order.stream().filter(t -> rules.ruleFor(t) instanceof UserRule).findFirst();
        int total = sourceParts.size() + destinationParts.size() + (userType.isPresent() ? 1 : 0);
        var partsDone = new AtomicInteger();

        var parts = CrawlWorkers.interleaved(source, sourceParts, destination, destinationParts);
        new CrawlWorkers(store, request.runId(), crawlWorkers, partsDone, total, progress::report, request.stop())
                .crawl(parts);
        userType.ifPresent(type -> lookUpMigratedUsers(request, type, destination, partsDone, total, progress));
        var notAvailable = notAvailable(request.runId(), parts, source, destination);

        request.checkpoint();
        store.finishCrawl(request.runId());
        long matchedSoFar = MatchWorkers.on(
                        staging, rules, store, matchWorkers(), progress::report, request::checkpoint)
                .match(request.runId(), order);
        explainNotAvailable(request.runId(), notAvailable);
        store.finishMatch(request.runId());
        progress.report(new Progress(Phase.MATCH, order.size(), order.size(), matchedSoFar));
        request.checkpoint();

        progress.report(new Progress(Phase.REPORT, 0, 1, 0));
        var requests = new TreeMap<String, Map<String, Long>>();
        requests.put("source", new TreeMap<>(source.requestCounts()));
        requests.put("destination", new TreeMap<>(destination.requestCounts()));
        var written = new ReportWriter(staging)
                .write(
                        request.runId(),
                        request.product(),
                        requested,
                        request.containerKeys(),
                        outputDir,
                        requests,
                        notAvailable);
        progress.report(new Progress(Phase.REPORT, 1, 1, written.summary().rows()));
        return new MappingOutcome(
                written.compatible(), written.detailed(), written.summaryFile(), written.summary(), requests);
    }

    /**
     * A run limited to container keys the source does not have fails before crawling. The keys the site has come from
     * planning the per-container types without a limit (the container list is read once per crawler anyway); a run
     * without per-container types cannot tell, and is not checked.
     */
    private static void requireKnownContainers(Set<String> requested, SiteCrawler source, List<EntityType> order) {
        if (requested.isEmpty()) {
            return;
        }
        var known = new java.util.TreeSet<String>();
        source.plan(order, Set.of()).forEach(scope -> {
            if (scope.containerKey() != null) {
                known.add(scope.containerKey());
            }
        });
        if (known.isEmpty()) {
            return;
        }
        var unknown = new java.util.TreeSet<>(requested);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new UnknownContainers(unknown, known);
        }
    }

    /**
     * The types of the parts a site refused to list, and the details the crawlers went on without (one warning per
     * kind, whether crawled in this run or checkpointed by the run it resumes), by side, type and container.
     */
    private List<NotAvailable> notAvailable(
            String runId, List<CrawlWorkers.Part> parts, SiteCrawler source, SiteCrawler destination) {
        var refused = new java.util.HashMap<String, StagingStore.Refusal>();
        store.refusals(runId).forEach(r -> refused.put(r.part(), r));
        var missing = new ArrayList<NotAvailable>();
        for (var part : parts) {
            var refusal = refused.get(part.checkpoint());
            if (refusal != null) {
                for (var type : part.scope().types()) {
                    missing.add(new NotAvailable(
                            part.crawler().side(),
                            type,
                            part.scope().containerKey(),
                            refusal.request(),
                            refusal.answer()));
                }
            }
        }
        var details = new SkippedDetails();
        details.addAll(store.skippedDetails(runId));
        source.detailsSkippedByAccessCheck().forEach(d -> details.add(Side.SOURCE, d));
        destination.detailsSkippedByAccessCheck().forEach(d -> details.add(Side.DESTINATION, d));
        details.groups().forEach(group -> missing.add(group.warning()));
        missing.sort(Comparator.comparing(NotAvailable::side)
                .thenComparing(NotAvailable::type)
                .thenComparing(m -> m.container().orElse(""))
                .thenComparing(m -> !m.wholeType())
                .thenComparing(NotAvailable::request));
        return missing;
    }

    /** Source entities left unmatched because the destination did not list their type say so. */
    private void explainNotAvailable(String runId, List<NotAvailable> notAvailable) {
        for (var missing : notAvailable) {
            if (missing.side() == Side.DESTINATION && missing.wholeType()) {
                store.explainUnmatched(
                        runId,
                        missing.type(),
                        missing.containerKey(),
                        "not available on the destination site: " + missing.request() + " answered "
                                + missing.answer());
            }
        }
    }

    /**
     * The runs whose staged data is kept (interrupted, or finished and not discarded), most recent first: a run
     * started again with one of these ids resumes from its checkpoints.
     */
    public List<StagingStore.StagedRun> stagedRuns() {
        ensureSchema();
        return store.stagedRuns();
    }

    @Override
    public void forEachDecision(MappingRequest request, Consumer<DetailedRow> sink) {
        ensureSchema();
        new Decisions(staging).forEach(request.runId(), requestedTypes(request), request.containerKeys(), sink);
    }

    @Override
    public void discard(String runId) {
        ensureSchema();
        store.discard(runId);
    }

    @Override
    public Set<String> stagedRunIds() {
        ensureSchema();
        return store.stagedRunIds();
    }

    /** {@link #DEFAULT_MATCH_WORKERS} on PostgreSQL, one on H2. */
    private int matchWorkers() {
        try (var connection = staging.getConnection()) {
            return PostgresCopy.isPostgres(connection) ? DEFAULT_MATCH_WORKERS : 1;
        } catch (SQLException e) {
            throw new StagingFailure("cannot connect to the staging database", e);
        }
    }

    private void ensureSchema() {
        if (!schemaReady) {
            synchronized (this) {
                if (!schemaReady) {
                    StagingSchema.ensure(staging);
                    schemaReady = true;
                }
            }
        }
    }

    private static Set<EntityType> requestedTypes(MappingRequest request) {
        if (request.entityTypes().isEmpty()) {
            return Set.copyOf(EntityType.of(request.product()));
        }
        for (var type : request.entityTypes()) {
            if (type.product() != request.product()) {
                throw new IllegalArgumentException(
                        type.namespace() + " is a " + type.product() + " type, not " + request.product());
            }
        }
        return request.entityTypes();
    }

    /**
     * Asks the Cloud site which account each staged server user became: by user key first, then by username for
     * those not found. Checkpointed as one destination part.
     */
    private void lookUpMigratedUsers(
            MappingRequest request,
            EntityType userType,
            SiteCrawler destination,
            AtomicInteger partsDone,
            int total,
            SafeProgress progress) {
        var runId = request.runId();
        if (!store.finishedParts(runId).contains(StagingStore.partName(Side.DESTINATION, USER_LOOKUP_SCOPE))) {
            store.clearUserMigration(runId);
            long[] asked = {0};
            var skipped = new SkippedDetails();
            // a destination without migration records (not a Cloud site) leaves users to be matched by email
            if (destination.keepsMigrationRecords()) {
                for (var byKey : List.of(true, false)) {
                    store.forEachSourceUserChunk(runId, userType, byKey, USER_LOOKUP_CHUNK, chunk -> {
                        request.checkpoint(); // the lookup is redone from the start on the next run
                        var accountIds = destination.migratedAccountIds(
                                chunk, byKey, detail -> skipped.add(Side.DESTINATION, detail));
                        store.saveUserMigration(runId, byKey, accountIds);
                        asked[0] += chunk.size();
                        progress.report(new Progress(Phase.USER_LOOKUP, partsDone.get(), total, asked[0]));
                    });
                }
            }
            store.saveSkippedDetails(runId, Side.DESTINATION, USER_LOOKUP_SCOPE, skipped.groups());
            store.markFinished(runId, Side.DESTINATION, USER_LOOKUP_SCOPE, asked[0]);
        }
        progress.report(new Progress(Phase.USER_LOOKUP, partsDone.incrementAndGet(), total, 0));
    }

    /** A listener must not break a run. */
    private record SafeProgress(ProgressListener listener) {
        void report(Progress progress) {
            try {
                listener.onProgress(progress);
            } catch (RuntimeException ignored) {
                // progress display failures are not the run's business
            }
        }
    }
}
