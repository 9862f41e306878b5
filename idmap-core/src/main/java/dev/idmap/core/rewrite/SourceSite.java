package dev.idmap.core.rewrite;

import dev.idmap.core.model.Product;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A Data Center site whose links are rewritten: its product and base URL (with the context path, e.g.
 * {@code https://wiki.example.com/confluence}). A link is on the site when its host and port are the site's (either
 * scheme: old links are often {@code http}) and its path is under the context path.
 */
public record SourceSite(Product product, URI baseUrl) {

    public SourceSite {
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException(baseUrl + " is not an absolute http(s) URL");
        }
    }

    public static SourceSite of(Product product, String baseUrl) {
        var trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new SourceSite(product, URI.create(trimmed));
    }

    String contextPath() {
        return baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    }

    /** The path and query of a link relative to the context path, when the link is on this site. */
    Optional<String> relative(Link link) {
        if (!link.host().equalsIgnoreCase(baseUrl.getHost()) || !samePort(link)) {
            return Optional.empty();
        }
        var context = contextPath();
        var path = link.path();
        if (context.isEmpty()) {
            return Optional.of(path.isEmpty() ? "/" : path);
        }
        if (path.equals(context)) {
            return Optional.of("/");
        }
        return path.startsWith(context + "/") ? Optional.of(path.substring(context.length())) : Optional.empty();
    }

    /** Without explicit ports, http and https links to the host are the same site (old links are often http). */
    private boolean samePort(Link link) {
        if (link.port() < 0 && baseUrl.getPort() < 0) {
            return true;
        }
        return link.effectivePort() == port(baseUrl);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 80 : 443;
    }
}
