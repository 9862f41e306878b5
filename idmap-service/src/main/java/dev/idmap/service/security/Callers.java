package dev.idmap.service.security;

import dev.idmap.service.config.IdmapProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The configured API callers; authenticates an {@code Authorization} header (Bearer token or Basic). */
public final class Callers {

    private final List<IdmapProperties.ApiCaller> callers;

    public Callers(List<IdmapProperties.ApiCaller> callers) {
        for (var caller : callers) {
            if (caller.name() == null || caller.name().isBlank()) {
                throw new IllegalStateException("idmap.api.callers: every caller needs a name");
            }
            caller.tokenHashes().forEach(hash -> SecretHash.matches("", hash)); // fails fast on plain secrets
            if (caller.passwordHash() != null) {
                SecretHash.matches("", caller.passwordHash());
            }
        }
        this.callers = List.copyOf(callers);
    }

    public sealed interface Authentication {
        record Authenticated(Caller caller) implements Authentication {}

        record Missing() implements Authentication {}

        record Rejected() implements Authentication {}
    }

    public Authentication authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Authentication.Missing();
        }
        var space = authorization.indexOf(' ');
        if (space < 0) {
            return new Authentication.Rejected();
        }
        var scheme = authorization.substring(0, space);
        var value = authorization.substring(space + 1).strip();
        Optional<Caller> caller = switch (scheme.toLowerCase(java.util.Locale.ROOT)) {
            case "bearer" -> bearer(value);
            case "basic" -> basic(value);
            default -> Optional.empty();
        };
        return caller.<Authentication>map(Authentication.Authenticated::new).orElse(new Authentication.Rejected());
    }

    /**
     * The console's sign-in, with the same credentials as the API: a Basic user name with its password (or API token),
     * or a caller's name with one of its Bearer tokens.
     */
    public Optional<Caller> signIn(String user, String secret) {
        if (user == null || user.isBlank() || secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        return callers.stream()
                .filter(c -> (user.equals(c.username()) && SecretHash.matches(secret, c.passwordHash()))
                        || (user.equals(c.name())
                                && c.tokenHashes().stream().anyMatch(hash -> SecretHash.matches(secret, hash))))
                .findFirst()
                .map(c -> new Caller(c.name(), c.admin()));
    }

    private Optional<Caller> bearer(String token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return callers.stream()
                .filter(c -> c.tokenHashes().stream().anyMatch(hash -> SecretHash.matches(token, hash)))
                .findFirst()
                .map(c -> new Caller(c.name(), c.admin()));
    }

    private Optional<Caller> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        var colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        var user = decoded.substring(0, colon);
        var secret = decoded.substring(colon + 1);
        return callers.stream()
                .filter(c -> user.equals(c.username()) && SecretHash.matches(secret, c.passwordHash()))
                .findFirst()
                .map(c -> new Caller(c.name(), c.admin()));
    }
}
