package dev.idmap.core.crawl;

/** Receives entities as a crawler streams them; never holds a whole site in memory. */
@FunctionalInterface
public interface EntitySink {
    void accept(SiteEntity entity);

    /**
     * A detail of the scope the crawler went on without ({@link SkippedDetail}); may be called from several threads
     * at once. The engine's sink checkpoints it with the part; a sink that reports no warnings ignores it.
     */
    default void skipped(SkippedDetail detail) {}
}
