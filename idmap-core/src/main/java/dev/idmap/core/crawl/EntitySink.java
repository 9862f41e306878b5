package dev.idmap.core.crawl;

/** Receives entities as a crawler streams them; never holds a whole site in memory. */
@FunctionalInterface
public interface EntitySink {
    void accept(SiteEntity entity);
}
