package dev.idmap.service.config;

/**
 * A configuration value idmap cannot start with; the message names the key (and the caller or site it belongs to)
 * and says what to write instead.
 */
public final class ConfigurationMistake extends IllegalStateException {

    public ConfigurationMistake(String message) {
        super(message);
    }
}
