package dev.idmap.core.match;

import java.util.Locale;

/** An attribute that must be equal on both sides, after normalising it. */
public record AttributeKey(String attribute, Normalization normalization) {

    public enum Normalization {
        AS_IS,
        LOWER_CASE,
        /** The date part of an ISO-8601 instant: a blog post's posting day. */
        DAY
    }

    public static AttributeKey of(String attribute) {
        return new AttributeKey(attribute, Normalization.AS_IS);
    }

    public static AttributeKey day(String attribute) {
        return new AttributeKey(attribute, Normalization.DAY);
    }

    String normalize(String value) {
        if (value == null) {
            return "";
        }
        return switch (normalization) {
            case AS_IS -> value;
            case LOWER_CASE -> value.toLowerCase(Locale.ROOT);
            case DAY -> value.length() >= 10 ? value.substring(0, 10) : value;
        };
    }
}
