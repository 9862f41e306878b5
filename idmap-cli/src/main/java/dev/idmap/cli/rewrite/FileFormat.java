package dev.idmap.cli.rewrite;

import java.nio.file.Path;
import java.util.Locale;

/** How a file's contents are read for candidates; by default from its extension. */
public enum FileFormat {
    /** Prose, HTML, Markdown, scripts: links only. */
    TEXT,
    JSON,
    CSV,
    /** A JQL query (or one per line). */
    JQL;

    public static FileFormat of(Path file) {
        var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jql")) {
            return JQL;
        }
        return TEXT;
    }
}
