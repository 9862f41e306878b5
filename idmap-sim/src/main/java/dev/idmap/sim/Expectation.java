package dev.idmap.sim;

/** What a correct mapper that never guesses must report for a source entity. */
public enum Expectation {
    /** The Cloud counterpart is uniquely identifiable from public REST data. */
    MATCH,
    /** By construction several Cloud candidates are indistinguishable through the public API. */
    AMBIGUOUS,
    /** Not migrated, or migrated but not identifiable (e.g. a hidden email and no other route). */
    UNMATCHED
}
