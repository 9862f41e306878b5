package dev.idmap.core.rewrite;

import java.util.Comparator;
import java.util.List;

/** A decision about the characters {@code [start, end)} of a text. */
public record Edit(int start, int end, Decision decision) {

    public Edit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** The edit moved by {@code offset} characters, for a text embedded in a larger one. */
    public Edit shifted(int offset) {
        return new Edit(start + offset, end + offset, decision);
    }

    /** The text with every {@link Decision.Replaced} edit applied; edits must not overlap. */
    public static String apply(String text, List<Edit> edits) {
        var sorted = edits.stream().sorted(Comparator.comparingInt(Edit::start)).toList();
        var out = new StringBuilder(text.length());
        int at = 0;
        for (var edit : sorted) {
            if (edit.decision() instanceof Decision.Replaced replaced) {
                if (edit.start() < at) {
                    throw new IllegalStateException("overlapping edits at " + edit.start());
                }
                out.append(text, at, edit.start()).append(replaced.replacement());
                at = edit.end();
            }
        }
        return out.append(text, at, text.length()).toString();
    }
}
