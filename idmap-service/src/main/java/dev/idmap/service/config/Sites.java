package dev.idmap.service.config;

import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteConnection.SiteAuth;
import dev.idmap.core.model.Product;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The sites idmap is allowed to contact, from configuration. Nothing else is ever contacted: a trigger naming any
 * other URL is refused before any request leaves. Secrets are read from environment variables or files when a
 * connection is opened, and never kept in a form that prints.
 */
public final class Sites {

    private final Map<String, IdmapProperties.Site> byUrl = new LinkedHashMap<>();
    private final Map<String, IdmapProperties.Site> byName = new LinkedHashMap<>();
    private final UnaryOperator<String> environment;

    public Sites(List<IdmapProperties.Site> sites, UnaryOperator<String> environment) {
        this.environment = environment;
        for (var site : sites) {
            check(site);
            if (byUrl.put(site.url(), site) != null) {
                throw new ConfigurationMistake("idmap.sites: the URL " + site.url() + " is configured twice");
            }
            if (byName.put(site.name(), site) != null) {
                throw new ConfigurationMistake("idmap.sites: the name " + site.name() + " is configured twice");
            }
        }
    }

    private static void check(IdmapProperties.Site site) {
        if (site.name() == null || site.name().isBlank()) {
            throw new ConfigurationMistake("idmap.sites: every site needs a name");
        }
        var where = "idmap.sites[" + site.name() + "]";
        if (site.product() == null) {
            throw new ConfigurationMistake(where + ".product is required (JIRA or CONFLUENCE)");
        }
        if (site.url() == null || site.url().endsWith("/") || !site.url().contains("://")) {
            throw new ConfigurationMistake(where + ".url must be an absolute URL without trailing slash");
        }
        if (site.auth() == null
                || (site.auth().secretEnv() == null && site.auth().secretFile() == null)) {
            throw new ConfigurationMistake(
                    where + ".auth needs secret-env (an environment variable) or secret-file (a file) holding the "
                            + "site's password or token");
        }
        if (site.auth().type() == IdmapProperties.AuthType.BASIC && site.auth().username() == null) {
            throw new ConfigurationMistake(where + ".auth.username is required for BASIC");
        }
    }

    public Optional<IdmapProperties.Site> byUrl(String url) {
        return Optional.ofNullable(byUrl.get(url));
    }

    /** Every configured site, in configuration order. */
    public List<IdmapProperties.Site> all() {
        return List.copyOf(byName.values());
    }

    public Optional<IdmapProperties.Site> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean isConfigured(String url, Product product) {
        return byUrl(url).filter(s -> s.product() == product).isPresent();
    }

    /** The connection to a configured site; reads its secret now. */
    public SiteConnection connect(IdmapProperties.Site site) {
        var base = site.connectUrl() == null || site.connectUrl().isBlank() ? site.url() : site.connectUrl();
        var secret = secretOf(site);
        SiteAuth auth = switch (site.auth().type()) {
            case BASIC -> new SiteAuth.Basic(site.auth().username(), secret);
            case BEARER -> new SiteAuth.Bearer(secret);
        };
        return new SiteConnection(URI.create(base), auth, URI.create(site.url()));
    }

    private String secretOf(IdmapProperties.Site site) {
        var auth = site.auth();
        if (auth.secretEnv() != null) {
            var value = environment.apply(auth.secretEnv());
            if (value == null || value.isBlank()) {
                throw new SiteSecretMissing("the environment variable " + auth.secretEnv()
                        + " holding the secret of site " + site.name() + " is not set");
            }
            return value;
        }
        try {
            return Files.readString(auth.secretFile()).strip();
        } catch (IOException e) {
            throw new SiteSecretMissing("the secret file of site " + site.name() + " (" + auth.secretFile()
                    + ") cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** A site's secret is not where the configuration says; the message names the place, never the secret. */
    public static final class SiteSecretMissing extends RuntimeException {
        SiteSecretMissing(String message) {
            super(message);
        }
    }
}
