package dev.idmap.connectors.atlassian;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the attributes of a {@link dev.idmap.core.crawl.SiteEntity}: absent values are left out, not empty. */
public final class Attributes {

    private final Map<String, String> values = new LinkedHashMap<>();

    public static Attributes of() {
        return new Attributes();
    }

    public Attributes with(String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    public Map<String, String> build() {
        return Map.copyOf(values);
    }
}
