package dev.idmap.connectors.atlassian;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Reading Atlassian (Jira and Confluence) JSON into the strings of the crawl contract. */
public final class AtlassianJson {

    private static final DateTimeFormatter ATLASSIAN_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendPattern("XXX")
            .optionalEnd()
            .optionalStart()
            .appendPattern("XX")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter CONTRACT_TIMESTAMP = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AtlassianJson() {}

    /** The scalar at {@code field} as a string (numbers too); null when absent, null or not a scalar. */
    public static String text(JsonNode node, String field) {
        return scalar(node.path(field));
    }

    /** The scalar at {@code node} as a string; null when missing, null or not a scalar. */
    public static String scalar(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || !node.isValueNode()) {
            return null;
        }
        return node.asString();
    }

    /**
     * An Atlassian timestamp ({@code 2024-03-01T10:15:30.000+0100}, {@code …+01:00}, {@code …Z}) as a UTC
     * instant with milliseconds ({@code 2024-03-01T09:15:30.000Z}); a value in no known form is kept as it is.
     */
    public static String instant(String atlassianTimestamp) {
        if (atlassianTimestamp == null || atlassianTimestamp.isBlank()) {
            return null;
        }
        try {
            var parsed = ATLASSIAN_TIMESTAMP.parse(atlassianTimestamp.trim());
            if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return CONTRACT_TIMESTAMP.format(
                        java.time.LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC));
            }
            return CONTRACT_TIMESTAMP.format(java.time.OffsetDateTime.from(parsed));
        } catch (java.time.DateTimeException e) {
            return atlassianTimestamp;
        }
    }

    /** A JSON boolean or {@code "true"}/{@code "false"} as {@code "true"}/{@code "false"}; null when absent. */
    public static String bool(JsonNode node, String field) {
        var value = node.path(field);
        if (value.isBoolean()) {
            return Boolean.toString(value.asBoolean());
        }
        var raw = scalar(value);
        return raw == null ? null : Boolean.toString(Boolean.parseBoolean(raw));
    }

    /** A lower-cased e-mail address, null when hidden (absent, null or empty). */
    public static String email(JsonNode user) {
        var email = text(user, "emailAddress");
        return email == null || email.isBlank() ? null : email.toLowerCase(Locale.ROOT);
    }
}
