package dev.idmap.core.engine;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** What the engine's worker pools (crawl and match) share: waiting for every worker, and the first failure thrown. */
final class WorkerPools {

    private static final Duration STILL_BUSY_NOTE = Duration.ofMinutes(2);

    private WorkerPools() {}

    /**
     * Shuts {@code pool} down and waits until every worker has returned, noting every two minutes (at DEBUG) while they are
     * still busy. Workers are never interrupted (see {@link StopSignal}): an interrupt of the waiting thread calls
     * {@code onInterrupt} (which tells the workers to stop at their next check), the wait goes on, and the thread's
     * interrupt status is restored at the end.
     */
    static void awaitAll(ExecutorService pool, String name, Consumer<InterruptedException> onInterrupt) {
        pool.shutdown();
        boolean interrupted = false;
        var waited = Duration.ZERO;
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(STILL_BUSY_NOTE.toSeconds(), TimeUnit.SECONDS)) {
                        return;
                    }
                    waited = waited.plus(STILL_BUSY_NOTE);
                    // a diagnostic, not a warning: a crawl of a large site is busy for many minutes, and the
                    // progress line already says it is moving (at WARNING it broke into map's progress line)
                    System.getLogger(WorkerPools.class.getName())
                            .log(System.Logger.Level.DEBUG, name + " still busy after " + waited.toMinutes() + " min");
                } catch (InterruptedException e) {
                    interrupted = true;
                    onInterrupt.accept(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Throws the failure a worker recorded, as it was raised; nothing when there is none. */
    static void rethrow(Throwable failure) {
        switch (failure) {
            case null -> {}
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable e -> throw new IllegalStateException(e);
        }
    }
}
