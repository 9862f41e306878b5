package dev.idmap.core.rewrite;

/**
 * What a recogniser decided about one candidate: a Data Center id, link or user reference found in its context. Every
 * candidate ends as exactly one of these, and both kinds are reported.
 */
public sealed interface Decision permits Decision.Replaced, Decision.Skipped {

    /** The text as it stood. */
    String old();

    /**
     * Replaced by its Cloud counterpart.
     *
     * @param what the entity type (namespace) or link form that made the replacement provable
     */
    record Replaced(String old, String replacement, String what) implements Decision {}

    /** Left alone, with the reason an administrator can act on. */
    record Skipped(String old, String reason) implements Decision {}
}
