package dev.idmap.cli.rewrite;

import dev.idmap.core.rewrite.Decision;
import dev.idmap.core.rewrite.Edit;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON, rewritten in place so that everything else stays byte for byte: {@code "customfield_N"} keys and values, the
 * values of fields named for an entity ({@code "projectId": 10000}, {@code "pageId": "65536"}), the {@code id} of an
 * object held under an entity key ({@code "project": {"id": "10000"}}), {@code userKey} values, and the links and
 * JQL inside strings. A number stays a number and a string a string.
 */
final class JsonRecogniser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Recognisers recognisers;

    JsonRecogniser(Recognisers recognisers) {
        this.recognisers = recognisers;
    }

    /** Not JSON after all; the message says where. */
    static final class NotJson extends RuntimeException {
        NotJson(String message) {
            super(message);
        }
    }

    Findings recognise(String text) {
        var findings = new Findings();
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                switch (token) {
                    case PROPERTY_NAME -> propertyName(text, start, parser.currentName(), findings);
                    case VALUE_STRING -> string(text, start, parser, findings);
                    case VALUE_NUMBER_INT -> number(start, parser, findings);
                    default -> {}
                }
            }
        } catch (JacksonException e) {
            throw new NotJson("not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        return findings;
    }

    private void propertyName(String text, int start, String name, Findings findings) {
        var customField = Recognisers.CUSTOM_FIELD.matcher(name);
        int end = stringEnd(text, start);
        if (customField.matches() && text.substring(start + 1, end - 1).equals(name)) {
            findings.add(
                    new Edit(start + 1, end - 1, recognisers.customField(customField.group(1), name)), Context.JSON);
        }
    }

    private void number(int start, JsonParser parser, Findings findings) {
        var value = parser.getString();
        var decision = recognisers.scalar(name(parser), holder(parser), value, value, cloud -> cloud);
        if (decision instanceof Decision.Replaced replaced
                && !Recognisers.DIGITS.matcher(replaced.replacement()).matches()) {
            decision = new Decision.Replaced(value, "\"" + replaced.replacement() + "\"", replaced.what());
        }
        if (decision != null) {
            findings.add(new Edit(start, start + value.length(), decision), Context.JSON);
        }
    }

    private void string(String text, int start, JsonParser parser, Findings findings) {
        int end = stringEnd(text, start);
        var raw = text.substring(start + 1, end - 1);
        var value = parser.getString();
        var name = name(parser);
        var decision = recognisers.scalar(name, holder(parser), value, value, cloud -> cloud);
        boolean escaped = !raw.equals(value);
        if (decision != null) {
            if (escaped) {
                return; // an id or key is never written with escapes; a string that has them is no candidate
            }
            findings.add(new Edit(start + 1, end - 1, decision), Context.JSON);
            return;
        }
        var inner = recognisers.inside(name, value);
        var context = Recognisers.innerContext(name);
        if (!escaped) {
            inner.forEach(edit -> findings.add(edit.shifted(start + 1), context));
            return;
        }
        inner.forEach(edit -> findings.report(start, context, edit.decision()));
        var rewritten = Edit.apply(value, inner);
        if (!rewritten.equals(value)) {
            findings.apply(new Edit(
                    start,
                    end,
                    new Decision.Replaced(
                            text.substring(start, end), JSON.writeValueAsString(rewritten), "json string")));
        }
    }

    /** The name of the field a value stands under; for an array element, the array's name. */
    private static String name(JsonParser parser) {
        TokenStreamContext context = parser.streamReadContext();
        if (context.inObject()) {
            return context.currentName();
        }
        var parent = context.getParent();
        return parent != null && parent.inObject() ? singular(parent.currentName()) : null;
    }

    /** The key the current object is held under (directly, or as an element of an array held under it). */
    private static String holder(JsonParser parser) {
        var object = parser.streamReadContext();
        if (!object.inObject() || object.getParent() == null) {
            return null;
        }
        var parent = object.getParent();
        if (parent.inArray()) {
            parent = parent.getParent();
        }
        return parent != null && parent.inObject() ? parent.currentName() : null;
    }

    private static String singular(String name) {
        return name != null && name.endsWith("Ids") ? name.substring(0, name.length() - 1) : name;
    }

    /** The offset after the closing quote of the string starting at {@code start}. */
    private static int stringEnd(String text, int start) {
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
