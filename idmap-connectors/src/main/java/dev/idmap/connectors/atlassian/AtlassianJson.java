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
        var fixed = fixedPositionInstant(atlassianTimestamp);
        return fixed != null ? fixed : instantByFormatter(atlassianTimestamp);
    }

    /** {@link #instant} through the general formatter: every form it knows, and what the position reading is held to. */
    static String instantByFormatter(String atlassianTimestamp) {
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

    /**
     * The form Jira and Confluence write ({@code 2024-03-01T10:15:30.000+0100}; any fraction of 1–9 digits or none;
     * {@code Z}, {@code ±HHMM}, {@code ±HH:MM} or no offset) read by position, the same instant the formatter reads;
     * null for anything else (out-of-range fields, other years, a negative zero offset, whitespace), which the
     * formatter then reads. Every comment, worklog and attachment carries one: through the formatter they were 156
     * of 1,635 JVM execution samples in a Jira 100k run.
     */
    static String fixedPositionInstant(String s) {
        int n = s.length();
        if (n < 19
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if (year < 1
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return null;
        }
        int at = 19;
        int millis = 0;
        if (at < n && s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                if (at - start < 3) {
                    millis = millis * 10 + (s.charAt(at) - '0');
                }
                at++;
            }
            int width = at - start;
            if (width == 0) {
                return null;
            }
            for (int w = width; w < 3; w++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (at == n) {
            offsetSeconds = 0;
        } else if (s.charAt(at) == 'Z' && at + 1 == n) {
            offsetSeconds = 0;
        } else if (s.charAt(at) == '+' || s.charAt(at) == '-') {
            int offsetHours = digits(s, at + 1, 2);
            int offsetMinutes;
            if (n == at + 6 && s.charAt(at + 3) == ':') {
                offsetMinutes = digits(s, at + 4, 2);
            } else if (n == at + 5) {
                offsetMinutes = digits(s, at + 3, 2);
            } else {
                return null;
            }
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
            if (offsetSeconds > 18 * 3600) {
                return null;
            }
            if (s.charAt(at) == '-') {
                if (offsetSeconds == 0) {
                    return null;
                }
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return null;
        }
        long epochSecond = java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400
                + hour * 3600L
                + minute * 60L
                + second
                - offsetSeconds;
        var utc = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            return null;
        }
        var out = new StringBuilder(24);
        pad(out, utc.getYear(), 4).append('-');
        pad(out, utc.getMonthValue(), 2).append('-');
        pad(out, utc.getDayOfMonth(), 2).append('T');
        pad(out, utc.getHour(), 2).append(':');
        pad(out, utc.getMinute(), 2).append(':');
        pad(out, utc.getSecond(), 2).append('.');
        return pad(out, millis, 3).append('Z').toString();
    }

    /** The unsigned decimal of {@code width} ASCII digits at {@code from}; -1 when one is not a digit. */
    private static int digits(String s, int from, int width) {
        if (from + width > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + width; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        var text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
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
