package dev.idmap.cli.rewrite;

import dev.idmap.core.rewrite.Decision;
import dev.idmap.core.rewrite.Edit;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV with a header row (RFC 4180), rewritten in place: cells of columns named for an entity ({@code projectId},
 * Jira's export columns {@code Issue id}, {@code Parent id}), {@code customfield_N} cells, {@code userKey} cells,
 * and the links and JQL inside any cell. The header names the columns and is itself never rewritten, except for
 * {@code customfield_N} column names.
 */
final class CsvRecogniser {

    private final Recognisers recognisers;

    CsvRecogniser(Recognisers recognisers) {
        this.recognisers = recognisers;
    }

    /** One field of a record: its raw span (with quotes) and its value. */
    record Field(int start, int end, boolean quoted, String value) {}

    Findings recognise(String text) {
        var findings = new Findings();
        var records = records(text);
        if (records.isEmpty()) {
            return findings;
        }
        var header = records.get(0).stream().map(Field::value).toList();
        for (var field : records.get(0)) {
            var customField = Recognisers.CUSTOM_FIELD.matcher(field.value());
            if (customField.matches()) {
                findings.add(
                        new Edit(
                                contentStart(field),
                                contentEnd(field),
                                recognisers.customField(customField.group(1), field.value())),
                        Context.CSV);
            }
        }
        for (var record : records.subList(1, records.size())) {
            for (int column = 0; column < record.size(); column++) {
                var name = column < header.size() ? header.get(column) : null;
                cell(text, name, record.get(column), findings);
            }
        }
        return findings;
    }

    private void cell(String text, String name, Field field, Findings findings) {
        var value = field.value();
        var raw = text.substring(contentStart(field), contentEnd(field));
        boolean escaped = !raw.equals(value);
        var decision = recognisers.scalar(name, null, value, value, cloud -> cloud);
        if (decision != null) {
            if (!escaped) {
                findings.add(
                        new Edit(contentStart(field), contentEnd(field), quotedIfNeeded(field, decision)), Context.CSV);
            }
            return;
        }
        var inner = recognisers.inside(name, value);
        var context = Recognisers.innerContext(name);
        if (!escaped && !needsQuotes(field, inner)) {
            inner.forEach(edit -> findings.add(edit.shifted(contentStart(field)), context));
            return;
        }
        inner.forEach(edit -> findings.report(field.start(), context, edit.decision()));
        var rewritten = Edit.apply(value, inner);
        if (!rewritten.equals(value)) {
            findings.apply(new Edit(
                    field.start(),
                    field.end(),
                    new Decision.Replaced(text.substring(field.start(), field.end()), quote(rewritten), "csv field")));
        }
    }

    private static Decision quotedIfNeeded(Field field, Decision decision) {
        if (decision instanceof Decision.Replaced replaced && !field.quoted() && needsQuotes(replaced.replacement())) {
            return new Decision.Replaced(replaced.old(), quote(replaced.replacement()), replaced.what());
        }
        return decision;
    }

    private static boolean needsQuotes(Field field, List<Edit> inner) {
        return !field.quoted()
                && inner.stream()
                        .anyMatch(e -> e.decision() instanceof Decision.Replaced r && needsQuotes(r.replacement()));
    }

    private static boolean needsQuotes(String value) {
        return value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
    }

    private static String quote(String value) {
        return needsQuotes(value) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static int contentStart(Field field) {
        return field.quoted() ? field.start() + 1 : field.start();
    }

    private static int contentEnd(Field field) {
        return field.quoted() ? Math.max(field.end() - 1, field.start() + 1) : field.end();
    }

    static List<List<Field>> records(String text) {
        var records = new ArrayList<List<Field>>();
        var record = new ArrayList<Field>();
        int i = 0;
        int length = text.length();
        while (i <= length) {
            int start = i;
            String value;
            boolean quoted = i < length && text.charAt(i) == '"';
            if (quoted) {
                var builder = new StringBuilder();
                i++;
                while (i < length) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        if (i + 1 < length && text.charAt(i + 1) == '"') {
                            builder.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    builder.append(c);
                    i++;
                }
                value = builder.toString();
                while (i < length && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++; // stray characters after the closing quote stay part of the field
                }
            } else {
                while (i < length && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
                value = text.substring(start, i);
            }
            record.add(new Field(start, i, quoted, value));
            if (i < length && text.charAt(i) == ',') {
                i++;
                continue;
            }
            if (!(record.size() == 1 && record.get(0).value().isEmpty() && !quoted)) {
                records.add(record);
            }
            record = new ArrayList<>();
            if (i < length && text.charAt(i) == '\r') {
                i++;
            }
            if (i < length && text.charAt(i) == '\n') {
                i++;
            }
            if (i >= length) {
                break;
            }
        }
        return records;
    }
}
