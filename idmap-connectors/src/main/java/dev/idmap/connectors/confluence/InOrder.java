package dev.idmap.connectors.confluence;

import dev.idmap.core.crawl.CrawlFailure;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads per-item listings (e.g. the attachments of each page) a few at a time and hands their results on in the
 * order the items came, on the caller's thread. At most {@code window} listings are pending, so memory stays
 * bounded; the site client bounds the requests actually in flight.
 *
 * <p>Use: {@link #submit} each item as it is listed, then {@link #close} to wait for the rest. The first failure
 * is rethrown as it was raised.
 *
 * @param <R> what a listing yields per item
 */
public final class InOrder<T, R> implements AutoCloseable {

    private final int window;
    private final Function<T, List<R>> listing;
    private final Consumer<R> each;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ArrayDeque<CompletableFuture<List<R>>> pending = new ArrayDeque<>();

    public InOrder(int window, Function<T, List<R>> listing, Consumer<R> each) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.window = window;
        this.listing = listing;
        this.each = each;
    }

    /** Starts the listing of one item; hands on finished ones, oldest first, while the window is full. */
    public void submit(T item) {
        pending.add(CompletableFuture.supplyAsync(() -> listing.apply(item), executor));
        while (pending.size() >= window) {
            emitOldest();
        }
    }

    /** Hands on every remaining listing in order, then stops the workers. */
    @Override
    public void close() {
        try {
            while (!pending.isEmpty()) {
                emitOldest();
            }
        } finally {
            pending.forEach(future -> future.cancel(true));
            executor.close();
        }
    }

    private void emitOldest() {
        List<R> results;
        try {
            results = pending.removeFirst().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new CrawlFailure(CrawlFailure.Kind.UNEXPECTED, "a listing failed: " + e.getCause(), e.getCause());
        }
        results.forEach(each);
    }
}
