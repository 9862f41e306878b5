package dev.idmap.cli.rewrite;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.rewrite.Decision;
import dev.idmap.core.rewrite.Edit;
import dev.idmap.core.rewrite.IdMapping;
import dev.idmap.core.rewrite.JqlRewriter;
import dev.idmap.core.rewrite.LinkTranslator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The decisions the JSON and CSV recognisers share: an id under a field or column that names its type, a
 * {@code customfield_N} reference, a user key, and the links or JQL inside a string.
 */
final class Recognisers {

    static final Pattern DIGITS = Pattern.compile("[0-9]+");
    static final Pattern CUSTOM_FIELD = Pattern.compile("customfield_([0-9]+)");
    private static final Pattern WORD_CUSTOM_FIELD = Pattern.compile("\\bcustomfield_([0-9]+)\\b");

    private final IdMapping mapping;
    private final LinkTranslator links;
    private final JqlRewriter jql;

    Recognisers(IdMapping mapping, LinkTranslator links) {
        this.mapping = mapping;
        this.links = links;
        this.jql = new JqlRewriter(mapping);
    }

    List<Edit> links(String text) {
        return links.rewriteText(text);
    }

    /** {@code customfield_N} as a word of free text (scripts), outside the given spans (links). */
    List<Edit> customFields(String text, List<Edit> outside) {
        var edits = new java.util.ArrayList<Edit>();
        var matcher = WORD_CUSTOM_FIELD.matcher(text);
        while (matcher.find()) {
            int start = matcher.start();
            if (outside.stream().noneMatch(e -> e.start() <= start && start < e.end())) {
                edits.add(new Edit(start, matcher.end(), customField(matcher.group(1), matcher.group())));
            }
        }
        return edits;
    }

    List<Edit> jql(String text) {
        return jql.rewrite(text);
    }

    /** An id of one of these types in {@code [start, end)}; {@code format} dresses the Cloud id as the old one was. */
    Decision id(List<EntityType> types, String id, String old, UnaryOperator<String> format) {
        return switch (mapping.byId(types, id)) {
            case IdMapping.Mapped mapped ->
                new Decision.Replaced(
                        old, format.apply(mapped.cloudId()), mapped.row().type().namespace());
            case IdMapping.NotMapped(var reason) -> new Decision.Skipped(old, reason);
        };
    }

    /** {@code customfield_N} to {@code customfield_CLOUD}. */
    Decision customField(String number, String old) {
        return id(
                List.of(EntityType.CUSTOM_FIELD),
                number,
                old,
                cloud -> old.replace("customfield_" + number, "customfield_" + cloud));
    }

    /** A user key to the accountId, Jira's users first. */
    Decision userKey(String key, String old, UnaryOperator<String> format) {
        var product = mapping.products().contains(Product.JIRA) ? Product.JIRA : Product.CONFLUENCE;
        return switch (mapping.user(product, key)) {
            case IdMapping.Mapped mapped ->
                new Decision.Replaced(
                        old, format.apply(mapped.cloudId()), mapped.row().type().namespace());
            case IdMapping.NotMapped(var reason) -> new Decision.Skipped(old, reason);
        };
    }

    /**
     * The decision for a scalar value under a field or column named {@code name} (null when unnamed) in an object
     * held under {@code holder}, or null when the value is no candidate.
     */
    Decision scalar(String name, String holder, String value, String old, UnaryOperator<String> format) {
        var customField = CUSTOM_FIELD.matcher(value);
        if (customField.matches()) {
            return customField(customField.group(1), old);
        }
        if (name == null) {
            return null;
        }
        if (EntityFields.isUserKey(name) && !value.isBlank()) {
            return userKey(value, old, format);
        }
        if (!DIGITS.matcher(value).matches()) {
            return null;
        }
        var types = EntityFields.byName(name).orElse(null);
        if (types == null && name.equals("id") && holder != null) {
            types = EntityFields.byHolder(holder).orElse(null);
        }
        return types == null ? null : id(types, value, old, format);
    }

    /** The links (or, under a JQL-named field, the JQL) inside a decoded string value, as spans of it. */
    List<Edit> inside(String name, String value) {
        return name != null && EntityFields.isJql(name) ? jql(value) : links(value);
    }

    static Context innerContext(String name) {
        return name != null && EntityFields.isJql(name) ? Context.JQL : Context.URL;
    }
}
