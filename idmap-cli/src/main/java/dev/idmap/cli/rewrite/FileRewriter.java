package dev.idmap.cli.rewrite;

import dev.idmap.core.rewrite.Decision;
import dev.idmap.core.rewrite.Edit;
import dev.idmap.core.rewrite.IdMapping;
import dev.idmap.core.rewrite.LinkTranslator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Rewrites the text of one file with the recognisers of its format. */
public final class FileRewriter {

    /** One decision, where it stood (1-based line and column). */
    public record Change(int line, int column, Context context, Decision decision) {}

    /** The rewritten text and every decision made on the way, in text order. */
    public record Rewritten(String content, List<Change> changes) {
        public long replaced() {
            return changes.stream()
                    .filter(c -> c.decision() instanceof Decision.Replaced)
                    .count();
        }

        public long skipped() {
            return changes.size() - replaced();
        }
    }

    private final Recognisers recognisers;

    public FileRewriter(IdMapping mapping, LinkTranslator links) {
        this.recognisers = new Recognisers(mapping, links);
    }

    /** @throws JsonRecogniser.NotJson when a JSON file is not valid JSON */
    public Rewritten rewrite(String content, FileFormat format) {
        var findings = switch (format) {
            case TEXT -> text(content);
            case JQL -> plain(recognisers.jql(content), Context.JQL);
            case JSON -> new JsonRecogniser(recognisers).recognise(content);
            case CSV -> new CsvRecogniser(recognisers).recognise(content);
        };
        var lines = new LineIndex(content);
        var changes = new ArrayList<Change>();
        findings.found().stream()
                .sorted(Comparator.comparingInt(Findings.Found::offset))
                .forEach(f -> changes.add(
                        new Change(lines.line(f.offset()), lines.column(f.offset()), f.context(), f.decision())));
        return new Rewritten(Edit.apply(content, findings.edits()), changes);
    }

    /** Links, and {@code customfield_N} words outside them (scripts). */
    private Findings text(String content) {
        var links = recognisers.links(content);
        var findings = plain(links, Context.URL);
        recognisers.customFields(content, links).forEach(edit -> findings.add(edit, Context.TEXT));
        return findings;
    }

    private static Findings plain(List<Edit> edits, Context context) {
        var findings = new Findings();
        edits.forEach(edit -> findings.add(edit, context));
        return findings;
    }

    /** Offsets to 1-based lines and columns. */
    private static final class LineIndex {
        private final List<Integer> starts = new ArrayList<>();

        LineIndex(String text) {
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
        }

        int line(int offset) {
            int found = java.util.Collections.binarySearch(starts, offset);
            return (found >= 0 ? found : -found - 2) + 1;
        }

        int column(int offset) {
            return offset - starts.get(line(offset) - 1) + 1;
        }
    }
}
