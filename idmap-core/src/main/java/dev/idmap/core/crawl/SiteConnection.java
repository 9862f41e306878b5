package dev.idmap.core.crawl;

import java.net.URI;
import java.util.Objects;

/**
 * Where a site is and how to authenticate to it. {@link #toString()} never prints the secret.
 *
 * @param baseUrl where requests go: the site's base URL without trailing slash (Confluence Cloud: the site, without
 *     {@code /wiki})
 * @param auth how to authenticate
 * @param knownAs the site's URL as its users know it, which messages name; differs from {@code baseUrl} when idmap
 *     reaches the site another way (the service's {@code connect-url}: a proxy, an internal name), which messages
 *     never show
 */
public record SiteConnection(URI baseUrl, SiteAuth auth, URI knownAs) {

    public SiteConnection {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(knownAs, "knownAs");
    }

    /** A site reached at the URL its users know. */
    public SiteConnection(URI baseUrl, SiteAuth auth) {
        this(baseUrl, auth, baseUrl);
    }

    /** Whether requests go elsewhere than the URL users know (a configured {@code connect-url}). */
    public boolean connectsElsewhere() {
        return !baseUrl.equals(knownAs);
    }

    @Override
    public String toString() {
        return knownAs + " (" + auth + ")";
    }

    /** Credentials for one site. */
    public sealed interface SiteAuth {
        /** The value of the {@code Authorization} header. */
        String header();

        /** Basic: username + password on DC, email + API token on Cloud. */
        record Basic(String user, String secret) implements SiteAuth {
            @Override
            public String header() {
                var raw = user + ":" + secret;
                return "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public String toString() {
                return "Basic " + user + ":****";
            }
        }

        /** Bearer: a Data Center personal access token. */
        record Bearer(String token) implements SiteAuth {
            @Override
            public String header() {
                return "Bearer " + token;
            }

            @Override
            public String toString() {
                return "Bearer ****";
            }
        }
    }
}
