package dev.idmap.service.api;

import dev.idmap.service.config.IdmapProperties;
import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The base URL of the links idmap serves itself (local report downloads): {@code idmap.storage.local.public-url}
 * when configured (behind a reverse proxy), else the server's own address and port. Never the request's
 * {@code Host} header: a forged Host would forge the link handed to the caller.
 */
@Component
final class ServerBase {

    private final IdmapProperties properties;
    private final Environment environment;

    ServerBase(IdmapProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    URI get() {
        var configured = properties.storage().local().publicUrl();
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured);
        }
        var address = environment.getProperty("server.address", "localhost");
        var host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + environment.getProperty("local.server.port", "8080"));
    }
}
