package dev.idmap.core.match;

/** What became of one source entity; the {@code status} column of the detailed report. In report order. */
public enum MatchStatus {
    /** Exactly one Cloud entity fits. */
    MATCHED,
    /** Several Cloud entities fit, or one is claimed twice: never guessed. */
    AMBIGUOUS,
    /** Nothing fits. */
    UNMATCHED
}
