package dev.idmap.core.report;

import dev.idmap.core.model.EntityType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** Ids in the form the reports use: as the sites expose them, except custom fields as their number. */
public final class ReportIds {

    private static final String CUSTOM_FIELD_PREFIX = "customfield_";

    private ReportIds() {}

    public static String reportForm(EntityType type, String id) {
        if (id == null) {
            return null;
        }
        if (type == EntityType.CUSTOM_FIELD && id.startsWith(CUSTOM_FIELD_PREFIX)) {
            return id.substring(CUSTOM_FIELD_PREFIX.length());
        }
        return id;
    }

    /**
     * Why an id cannot go into the compatible report, whose consumers split lines on commas and never unquote:
     * empty, or containing a comma, a double quote, a line break or surrounding white space.
     */
    public static Optional<String> whyNotPlain(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("empty id");
        }
        if (id.indexOf(',') >= 0 || id.indexOf('"') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            return Optional.of("id contains a comma, quote or line break");
        }
        if (!id.strip().equals(id)) {
            return Optional.of("id has leading or trailing white space");
        }
        return Optional.empty();
    }

    /**
     * Why an id cannot go into the compatible report: not plain (see {@link #whyNotPlain}), or not a number, which
     * is what its loaders parse (Atlassian's Cloud Transition Tools reads both ids as {@code Long}). User keys,
     * accountIds and group names are therefore only in the detailed report and the lookup API.
     */
    public static Optional<String> whyNotCompatible(String id) {
        return whyNotPlain(id)
                .or(() -> numericValue(id) == null
                        ? Optional.of("id " + id + " is not a number, and loaders of this format parse ids as numbers")
                        : Optional.empty());
    }

    /** The numeric value of a numeric id (for ordering), if it is one. */
    public static Long numericValue(String reportId) {
        if (reportId == null || reportId.isEmpty() || reportId.length() > 18) {
            return null;
        }
        for (int i = 0; i < reportId.length(); i++) {
            if (reportId.charAt(i) < '0' || reportId.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(reportId);
    }

    /**
     * A sort key that orders like the id's UTF-8 bytes under any database collation: lower-case hex digits
     * compare the same way in H2's binary order and PostgreSQL's locale order.
     */
    public static String byteOrderKey(String id) {
        return HexFormat.of().formatHex(id.getBytes(StandardCharsets.UTF_8));
    }
}
