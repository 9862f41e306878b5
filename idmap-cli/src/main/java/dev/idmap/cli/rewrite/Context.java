package dev.idmap.cli.rewrite;

/** Where a candidate stood, which decides what can make it provable. */
public enum Context {
    URL,
    JQL,
    JSON,
    CSV,
    /** A word of free text, such as customfield_N in a script. */
    TEXT
}
