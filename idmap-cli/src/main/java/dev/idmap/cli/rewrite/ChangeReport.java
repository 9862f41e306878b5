package dev.idmap.cli.rewrite;

import dev.idmap.core.rewrite.Decision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --report} file: every replacement and every skipped candidate, with file, line, column, context, old
 * text, and the new text or the reason; and the totals.
 */
final class ChangeReport {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final List<Map<String, Object>> changes = new ArrayList<>();
    private int files;
    private long replaced;
    private long skipped;

    void add(String file, FileRewriter.Rewritten rewritten) {
        files++;
        for (var change : rewritten.changes()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("file", file);
            entry.put("line", change.line());
            entry.put("column", change.column());
            entry.put("context", change.context().name());
            switch (change.decision()) {
                case Decision.Replaced(var old, var replacement, var what) -> {
                    replaced++;
                    entry.put("outcome", "REPLACED");
                    entry.put("old", old);
                    entry.put("new", replacement);
                    entry.put("what", what);
                }
                case Decision.Skipped(var old, var reason) -> {
                    skipped++;
                    entry.put("outcome", "SKIPPED");
                    entry.put("old", old);
                    entry.put("reason", reason);
                }
            }
            changes.add(entry);
        }
    }

    int files() {
        return files;
    }

    long replaced() {
        return replaced;
    }

    long skipped() {
        return skipped;
    }

    void write(Path file) {
        var body = new LinkedHashMap<String, Object>();
        body.put("files", files);
        body.put("replaced", replaced);
        body.put("skipped", skipped);
        body.put("changes", changes);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, JSON.writeValueAsString(body) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
    }
}
