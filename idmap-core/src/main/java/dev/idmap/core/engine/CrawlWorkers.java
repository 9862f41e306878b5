package dev.idmap.core.engine;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.NotAvailable;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.crawl.SkippedDetails;
import dev.idmap.core.storage.StagingFailure;
import dev.idmap.core.storage.StagingStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Crawls the planned parts of both sites at once with a bounded number of workers, each on its own staging
 * session. Sites bound their own requests in flight (per site and per endpoint), so more workers than that only
 * wait; fewer leave latency unused: a search walk is a chain of pages, and the walks of different projects and of
 * the two sites overlap only when different workers take them.
 *
 * <p>Parts are independent: each stages and checkpoints on its own, so the order in which workers finish them
 * changes nothing in the staged data or the reports. The first failure stops the other workers (their parts stay
 * unfinished and are redone on resume) and is thrown as it was raised.
 *
 * <p>Workers are stopped cooperatively, never interrupted: each asks, before every part and every entity it
 * stages, whether a worker failed or the run's {@link StopSignal} is raised, and then leaves its part unfinished.
 * An interrupt landing in the middle of a database file write would break an embedded database.
 */
final class CrawlWorkers {

    /** One part to crawl: a scope of one site. */
    record Part(SiteCrawler crawler, CrawlScope scope) {
        String checkpoint() {
            return StagingStore.partName(crawler.side(), scope.name());
        }
    }

    private final StagingStore store;
    private final String runId;
    private final int workers;
    private final AtomicInteger partsDone;
    private final int partsTotal;
    private final Consumer<Progress> progress;
    private final StopSignal stop;
    private final AtomicLong entities = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    CrawlWorkers(
            StagingStore store,
            String runId,
            int workers,
            AtomicInteger partsDone,
            int partsTotal,
            Consumer<Progress> progress,
            StopSignal stop) {
        this.stop = stop;
        this.store = store;
        this.runId = runId;
        this.workers = workers;
        this.partsDone = partsDone;
        this.partsTotal = partsTotal;
        this.progress = progress;
    }

    /** The parts of the two sites taken in turns, so that both sites are busy from the start. */
    static List<Part> interleaved(
            SiteCrawler source,
            List<CrawlScope> sourceParts,
            SiteCrawler destination,
            List<CrawlScope> destinationParts) {
        var parts = new ArrayList<Part>();
        for (int i = 0; i < Math.max(sourceParts.size(), destinationParts.size()); i++) {
            if (i < sourceParts.size()) {
                parts.add(new Part(source, sourceParts.get(i)));
            }
            if (i < destinationParts.size()) {
                parts.add(new Part(destination, destinationParts.get(i)));
            }
        }
        return parts;
    }

    /**
     * Crawls every part not finished yet; returns when all are staged, or throws the first failure, or
     * {@link RunStopped} when the stop signal was raised.
     */
    void crawl(List<Part> parts) {
        Set<String> finished = store.finishedParts(runId);
        var queue = new ConcurrentLinkedQueue<Part>();
        for (var part : parts) {
            if (finished.contains(part.checkpoint())) {
                partsDone.incrementAndGet();
            } else {
                queue.add(part);
            }
        }
        report();
        if (queue.isEmpty()) {
            return;
        }
        var pool = Executors.newFixedThreadPool(
                Math.min(workers, queue.size()),
                Thread.ofPlatform().name("idmap-crawl-", 1).daemon(true).factory());
        try {
            for (int w = 0; w < Math.min(workers, queue.size()); w++) {
                pool.execute(() -> work(queue));
            }
        } finally {
            // a worker still staging after the run has failed would race a resumed run over the same parts; an
            // interrupt of the run's thread stops the workers at their next entity, still without interrupting them
            WorkerPools.awaitAll(
                    pool,
                    "crawl workers",
                    e -> failure.compareAndSet(
                            null, new CrawlFailure(CrawlFailure.Kind.UNAVAILABLE, "the crawl was interrupted", e)));
        }
        WorkerPools.rethrow(failure.get());
        if (stop.stopRequested()) {
            throw new RunStopped(runId);
        }
    }

    /** True when the workers should leave their parts: one of them failed, or the run was asked to stop. */
    private boolean stopping() {
        return failure.get() != null || stop.stopRequested();
    }

    private void work(ConcurrentLinkedQueue<Part> queue) {
        try (var session = store.openSession()) {
            Part part;
            while (!stopping() && (part = queue.poll()) != null) {
                crawlOne(session, part);
                partsDone.incrementAndGet();
                report();
            }
        } catch (RunStopped stopped) {
            // the part stays unfinished; whoever raised the stop reports it
        } catch (SQLException e) {
            failure.compareAndSet(null, new StagingFailure("cannot close a staging session of run " + runId, e));
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * Crawls and checkpoints one part, with the details its crawl went on without. A listing the site does not offer
     * ({@link NotAvailable#means}) finishes the part with nothing staged and the request and answer recorded; any
     * other failure stops the run.
     */
    private void crawlOne(java.sql.Connection session, Part part) {
        long[] counted = {0};
        var side = part.crawler().side();
        var skipped = new SkippedDetails();
        try (var writer = store.startPart(session, runId, side, part.scope(), n -> {
            entities.addAndGet(n - counted[0]);
            counted[0] = n;
            report();
        })) {
            try {
                part.crawler().crawl(part.scope(), new EntitySink() {
                    @Override
                    public void accept(SiteEntity entity) {
                        if (stopping()) {
                            throw new RunStopped(runId);
                        }
                        writer.accept(entity);
                    }

                    @Override
                    public void skipped(SkippedDetail detail) {
                        skipped.add(side, detail);
                    }
                });
            } catch (CrawlFailure failure) {
                if (!NotAvailable.means(failure, part.scope())) {
                    throw failure;
                }
                writer.close();
                entities.addAndGet(-counted[0]);
                var exchange = failure.exchange().orElseThrow();
                store.markRefused(runId, side, part.scope().name(), exchange.request(), exchange.answer());
                return;
            }
            if (!skipped.isEmpty()) {
                store.saveSkippedDetails(runId, side, part.scope().name(), skipped.groups());
            }
            var staged = writer.finish();
            entities.addAndGet(staged - counted[0]);
        }
    }

    private void report() {
        progress.accept(new Progress(Phase.CRAWL, partsDone.get(), partsTotal, entities.get()));
    }
}
