package dev.idmap.cli.rewrite;

import dev.idmap.core.rewrite.Decision;
import dev.idmap.core.rewrite.Edit;
import java.util.ArrayList;
import java.util.List;

/** What the recognisers found in one text: the decisions to report, and the edits that apply them. */
final class Findings {

    /** One decision, at a character offset of the text. */
    record Found(int offset, Context context, Decision decision) {}

    private final List<Found> found = new ArrayList<>();
    private final List<Edit> edits = new ArrayList<>();

    /** A decision whose span is applied as it is. */
    void add(Edit edit, Context context) {
        found.add(new Found(edit.start(), context, edit.decision()));
        edits.add(edit);
    }

    /** A decision reported at {@code offset} but applied by another edit (a re-encoded string). */
    void report(int offset, Context context, Decision decision) {
        found.add(new Found(offset, context, decision));
    }

    void apply(Edit edit) {
        edits.add(edit);
    }

    List<Found> found() {
        return found;
    }

    List<Edit> edits() {
        return edits;
    }
}
