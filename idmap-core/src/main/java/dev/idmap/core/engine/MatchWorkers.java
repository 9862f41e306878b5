package dev.idmap.core.engine;

import dev.idmap.core.match.EntityMatcher;
import dev.idmap.core.match.MatchRules;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.storage.StagingStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Matches the types of a run, several at once when they do not depend on each other: a type starts once every type
 * it is matched after ({@link MatchRules#matchAfter}) is decided, so it reads only finished decisions. Issue comments,
 * worklogs and attachments, say, all wait for issues and then run side by side. Each worker has its own
 * {@link EntityMatcher} (its own connections); one type is matched by one worker, so a type's decisions are written
 * exactly as when types run one after another, and the reports, ordered by type and id, are the same.
 *
 * <p>A worker's database does the heavy part of a type (the join) while the engine decides the previous rows:
 * with one worker one side always waits. Started types are taken in the dependency order, so the order in which
 * they start is the same in every run; only the order in which they finish varies, which nothing reads.
 *
 * <p>Stopping: the run's checkpoint is asked at every progress report of every worker; the first failure, or a
 * stop, leaves the other workers at their next report, and the types not finished are matched again from their
 * start on the next run. Workers are never interrupted (see {@link StopSignal}).
 */
final class MatchWorkers {

    /** Decisions after which the decision table's statistics are refreshed before the next type starts. */
    private static final long ANALYZE_AFTER_DECISIONS = 1_000;

    /** Matches one type at a time on connections of its own; {@link EntityMatcher} on the staging database. */
    interface TypeMatcher extends AutoCloseable {

        /** Decides every staged source entity of {@code type}, telling {@code progress} how many so far; returns how many. */
        long match(String runId, EntityType type, LongConsumer progress);

        @Override
        void close();

        static TypeMatcher on(DataSource staging, MatchRules rules) {
            var matcher = new EntityMatcher(staging, rules);
            return new TypeMatcher() {
                @Override
                public long match(String runId, EntityType type, LongConsumer progress) {
                    return matcher.match(runId, type, progress);
                }

                @Override
                public void close() {
                    matcher.close();
                }
            };
        }
    }

    private final Supplier<TypeMatcher> newMatcher;
    private final Function<EntityType, Set<EntityType>> matchAfter;
    private final Consumer<String> refreshStatistics;
    private final int workers;
    private final Consumer<Progress> progress;
    private final Runnable checkpoint;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Types decided; read by the workers' progress reports. */
    private final Set<EntityType> done = ConcurrentHashMap.newKeySet();

    private final AtomicLong decisions = new AtomicLong();

    /** On the staging database: {@link EntityMatcher}s, the rules' order, the decision table's statistics. */
    static MatchWorkers on(
            DataSource staging,
            MatchRules rules,
            StagingStore store,
            int workers,
            Consumer<Progress> progress,
            Runnable checkpoint) {
        return new MatchWorkers(
                () -> TypeMatcher.on(staging, rules),
                rules::matchAfter,
                store::analyzeDecisions,
                workers,
                progress,
                checkpoint);
    }

    /**
     * @param newMatcher opens a worker's matcher (called once per worker, from the calling thread)
     * @param matchAfter the types a type is matched after, when the run has them
     * @param refreshStatistics refreshes the statistics of a run's decisions, as later types join earlier decisions
     * @param checkpoint throws {@link RunStopped} when the run is to stop; called between types and at every progress
     *     report of every worker
     */
    MatchWorkers(
            Supplier<TypeMatcher> newMatcher,
            Function<EntityType, Set<EntityType>> matchAfter,
            Consumer<String> refreshStatistics,
            int workers,
            Consumer<Progress> progress,
            Runnable checkpoint) {
        if (workers < 1) {
            throw new IllegalArgumentException("match workers must be at least 1, was " + workers);
        }
        this.newMatcher = newMatcher;
        this.matchAfter = matchAfter;
        this.refreshStatistics = refreshStatistics;
        this.workers = workers;
        this.progress = progress;
        this.checkpoint = checkpoint;
    }

    /** Matches every type of {@code order} (a dependency order); returns the decisions made. */
    long match(String runId, List<EntityType> order) {
        var types = Set.copyOf(order);
        int pool = Math.max(1, Math.min(workers, order.size()));
        var matchers = new LinkedBlockingQueue<TypeMatcher>();
        var executor = Executors.newFixedThreadPool(
                pool, Thread.ofPlatform().name("idmap-match-", 1).daemon(true).factory());
        try {
            // opened here, one after another: workers taking two connections each at once could starve a small pool
            for (int i = 0; i < pool; i++) {
                matchers.add(newMatcher.get());
            }
            var completions = new ExecutorCompletionService<Decided>(executor);
            var waiting = new ArrayList<>(order);
            var running = new HashSet<EntityType>();
            long sinceAnalyze = 0;
            while (done.size() < order.size()) {
                if (failure.get() == null) {
                    checkpoint.run();
                }
                for (var it = waiting.iterator(); it.hasNext() && running.size() < pool && failure.get() == null; ) {
                    var type = it.next();
                    if (!ready(type, types)) {
                        continue;
                    }
                    if (sinceAnalyze >= ANALYZE_AFTER_DECISIONS) {
                        // later types join these decisions; stale statistics make PostgreSQL loop instead of hash
                        refreshStatistics.accept(runId);
                        sinceAnalyze = 0;
                    }
                    it.remove();
                    running.add(type);
                    completions.submit(() -> matchOne(runId, type, matchers, order.size()));
                }
                if (running.isEmpty()) { // nothing could start: a failure, or types that can never be ready
                    if (failure.get() == null) {
                        throw new IllegalStateException("no type of " + waiting + " can be matched: a dependency"
                                + " cycle or a type matched after one outside the run");
                    }
                    break;
                }
                var decided = take(completions, runId);
                running.remove(decided.type());
                if (decided.failure() != null) {
                    failure.compareAndSet(null, decided.failure());
                    continue;
                }
                done.add(decided.type());
                sinceAnalyze += decided.count();
                report(order.size());
            }
        } finally {
            WorkerPools.awaitAll(executor, "match workers", e -> failure.compareAndSet(null, new RunStopped(runId)));
            RuntimeException closing = null;
            for (var matcher : matchers) {
                try {
                    matcher.close();
                } catch (RuntimeException e) {
                    closing = e;
                }
            }
            if (closing != null && failure.get() == null) {
                failure.set(closing);
            }
        }
        WorkerPools.rethrow(failure.get());
        return decisions.get();
    }

    private boolean ready(EntityType type, Set<EntityType> types) {
        for (var before : matchAfter.apply(type)) {
            if (types.contains(before) && !done.contains(before)) {
                return false;
            }
        }
        return true;
    }

    /** One type on one worker's matcher; a failure is returned, not thrown, so that the coordinator sees its type. */
    private Decided matchOne(String runId, EntityType type, LinkedBlockingQueue<TypeMatcher> matchers, int totalTypes) {
        var matcher = matchers.poll();
        long[] counted = {0};
        try {
            long count = matcher.match(runId, type, n -> {
                if (failure.get() != null) {
                    throw new RunStopped(runId); // another worker failed: leave this type, it is redone next run
                }
                checkpoint.run(); // a type's decisions are redone from the start on the next run
                decisions.addAndGet(n - counted[0]);
                counted[0] = n;
                report(totalTypes);
            });
            decisions.addAndGet(count - counted[0]);
            return new Decided(type, count, null);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e); // the other workers leave at their next report
            return new Decided(type, 0, e);
        } finally {
            matchers.add(matcher);
        }
    }

    /** Types finished and decisions made so far, both only growing while the run goes on. */
    private void report(int totalTypes) {
        progress.accept(new Progress(Phase.MATCH, done.size(), totalTypes, decisions.get()));
    }

    private record Decided(EntityType type, long count, Throwable failure) {}

    /**
     * The next type a worker finished. An interrupt of the run's thread stops the workers at their next report, still
     * without interrupting them, and waits for them.
     */
    private Decided take(ExecutorCompletionService<Decided> completions, String runId) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Future<Decided> next = completions.take();
                    return next.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, new RunStopped(runId));
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
