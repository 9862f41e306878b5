package dev.idmap.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idmap.service.config.IdmapProperties.ApiCaller;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class CallersTest {

    final Callers callers = new Callers(List.of(
            new ApiCaller("alice", false, List.of(SecretHash.sha256("alice-token")), null, null),
            new ApiCaller(
                    "ops",
                    true,
                    List.of(),
                    "ops@company.com",
                    "{bcrypt}" + new BCryptPasswordEncoder(4).encode("ops-api-token"))));

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_bearer_token_matching_a_sha256_hash_authenticates_its_caller() {
        assertThat(callers.authenticate("Bearer alice-token"))
                .isEqualTo(new Callers.Authentication.Authenticated(new Caller("alice", false)));
    }

    @Test
    void basic_with_email_and_api_token_matching_a_bcrypt_hash_authenticates_an_admin() {
        assertThat(callers.authenticate(basic("ops@company.com", "ops-api-token")))
                .isEqualTo(new Callers.Authentication.Authenticated(new Caller("ops", true)));
    }

    @Test
    void anything_else_is_rejected_or_missing() {
        assertThat(callers.authenticate(null)).isInstanceOf(Callers.Authentication.Missing.class);
        assertThat(callers.authenticate("Bearer wrong")).isInstanceOf(Callers.Authentication.Rejected.class);
        assertThat(callers.authenticate("Bearer ")).isInstanceOf(Callers.Authentication.Rejected.class);
        assertThat(callers.authenticate(basic("ops@company.com", "wrong")))
                .isInstanceOf(Callers.Authentication.Rejected.class);
        assertThat(callers.authenticate("Basic not-base64!")).isInstanceOf(Callers.Authentication.Rejected.class);
        assertThat(callers.authenticate("Digest abc")).isInstanceOf(Callers.Authentication.Rejected.class);
    }

    @Test
    void a_plain_secret_in_configuration_is_refused_at_start_naming_the_caller_and_key() {
        assertThatThrownBy(() -> new Callers(List.of(new ApiCaller("eve", false, List.of("plain-token"), null, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("idmap.api.callers[0] (eve).token-hashes[0]: a plain secret is not accepted");
    }
}
