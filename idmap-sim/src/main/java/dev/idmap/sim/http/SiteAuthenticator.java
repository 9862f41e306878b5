package dev.idmap.sim.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks the {@code Authorization} header against the site's accounts: Basic {@code login:secret} always, and
 * {@code Bearer <token>} for accounts that have a token (Data Center personal access tokens). A PAT is not accepted as
 * a Basic password, as on real Data Center.
 */
public final class SiteAuthenticator {

    private final List<SiteAccount> accounts;

    public SiteAuthenticator(List<SiteAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim());
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private Optional<Principal> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String login = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        return accounts.stream()
                .filter(a -> a.login().equalsIgnoreCase(login) && same(a.secret(), secret))
                .findFirst()
                .map(a -> new Principal(a.login(), a.admin()));
    }

    private Optional<Principal> bearer(String token) {
        return accounts.stream()
                .filter(a -> a.token().filter(t -> same(t, token)).isPresent())
                .findFirst()
                .map(a -> new Principal(a.login(), a.admin()));
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
