package dev.idmap.core.match;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code " (migrated)"} / {@code " (migrated N)"} suffix the migration assistant appends when a migrated
 * entity's name clashes with an existing Cloud entity it has no record of.
 */
public final class MigratedSuffix {

    private static final Pattern SUFFIX = Pattern.compile("^(.+) \\(migrated(?: ([0-9]+))?\\)$");

    private MigratedSuffix() {}

    /** The name without one trailing suffix, if it has one: {@code "X (migrated 2)"} → {@code "X"}. */
    public static Optional<String> strip(String name) {
        if (name == null) {
            return Optional.empty();
        }
        var matcher = SUFFIX.matcher(name);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
