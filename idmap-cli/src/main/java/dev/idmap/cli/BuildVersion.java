package dev.idmap.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version and build time Maven wrote into {@code version.properties} when it built the jar. */
public final class BuildVersion implements IVersionProvider {

    public static String version() {
        return properties().getProperty("version", "unknown (not built by Maven)");
    }

    @Override
    public String[] getVersion() {
        var properties = properties();
        return new String[] {
            "idmap " + properties.getProperty("version", "unknown"),
            "built " + properties.getProperty("built", "unknown")
        };
    }

    private static Properties properties() {
        var properties = new Properties();
        try (var in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
