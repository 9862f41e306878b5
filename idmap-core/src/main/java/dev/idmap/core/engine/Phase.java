package dev.idmap.core.engine;

/** The phases of a run, in order. */
public enum Phase {
    /** Both sites crawled at once into staging. */
    CRAWL,
    /** The Cloud site asked which account each server user became. */
    USER_LOOKUP,
    /** Decisions made, one type after the other. */
    MATCH,
    /** Reports written from the decisions. */
    REPORT
}
