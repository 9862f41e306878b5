package dev.idmap.service.config;

import dev.idmap.service.security.Callers;
import java.nio.file.Path;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks idmap's configuration as soon as Spring has read it, before any bean or the web server starts: an unknown
 * key, a value of the wrong type or a plain secret then fails the start-up at once, with one exception naming the
 * key, instead of surfacing from inside the web server's start as several logged failures. The same binding
 * ({@code ignoreUnknownFields = false}, environment variables not checked) is done again for the beans.
 */
public final class ConfigurationCheck {

    private ConfigurationCheck() {}

    /** Returns the data directory the server will use. */
    public static Path check(ConfigurableEnvironment environment) {
        var handler = new NoUnboundElementsBindHandler(BindHandler.DEFAULT, new UnboundElementsSourceFilter());
        var properties = Binder.get(environment)
                .bind("idmap", Bindable.of(IdmapProperties.class), handler)
                .orElse(null);
        if (properties == null) {
            return Path.of("./data");
        }
        new Callers(properties.api().callers());
        new Sites(properties.sites(), name -> null);
        return properties.dataDir();
    }
}
