package dev.idmap.sim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The administrator account of a simulated site. Data Center: {@code login} is the username, {@code secret} the
 * password, and {@code personalAccessToken} a PAT for {@code Authorization: Bearer}. Cloud: {@code login} is the
 * Atlassian account email, {@code secret} the API token, and there is no PAT.
 */
public record SiteCredentials(String login, String secret, Optional<String> personalAccessToken) {

    /** The value of an {@code Authorization} header for Basic {@code login:secret}. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The value of an {@code Authorization} header for the PAT; Data Center only. */
    public String bearerAuthorization() {
        return "Bearer " + personalAccessToken.orElseThrow(() -> new IllegalStateException("a Cloud site has no PAT"));
    }

    @Override
    public String toString() {
        return "SiteCredentials[login=" + login + ", secret=***]";
    }
}
