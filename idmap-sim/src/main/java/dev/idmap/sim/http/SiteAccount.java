package dev.idmap.sim.http;

import java.util.Optional;

/**
 * One account that may call a simulated site. On Data Center {@code login} is the username, {@code secret} the password
 * and {@code token} a personal access token (sent as {@code Authorization: Bearer}); on Cloud {@code login} is the
 * Atlassian account email and {@code secret} the API token (Basic), and there is no bearer token.
 */
public record SiteAccount(String login, String secret, Optional<String> token, boolean admin) {

    public static SiteAccount dataCenter(String username, String password, String personalAccessToken, boolean admin) {
        return new SiteAccount(username, password, Optional.of(personalAccessToken), admin);
    }

    public static SiteAccount cloud(String email, String apiToken, boolean admin) {
        return new SiteAccount(email, apiToken, Optional.empty(), admin);
    }
}
