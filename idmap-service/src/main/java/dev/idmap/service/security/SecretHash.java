package dev.idmap.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a presented secret against a configured hash. Formats: {@code {sha256}<hex>} for random API tokens (fast;
 * fine for high-entropy secrets), or any Spring Security format such as {@code {bcrypt}$2a$...} or
 * {@code {pbkdf2}...} for passwords people chose. Plain secrets are never accepted in configuration.
 */
public final class SecretHash {

    private static final String SHA256 = "{sha256}";
    private static final PasswordEncoder SLOW = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private SecretHash() {}

    public static boolean matches(String presented, String hash) {
        if (presented == null || hash == null) {
            return false;
        }
        if (hash.startsWith(SHA256)) {
            var expected = hash.substring(SHA256.length()).toLowerCase(java.util.Locale.ROOT);
            return MessageDigest.isEqual(
                    sha256Hex(presented).getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII));
        }
        if (!hash.startsWith("{")) {
            throw new IllegalStateException(
                    "a configured secret hash must start with {sha256} or {bcrypt} (or another {id}); plain secrets are"
                            + " not accepted");
        }
        try {
            return SLOW.matches(presented, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code {sha256}<hex>} of a secret, as written in configuration. */
    public static String sha256(String secret) {
        return SHA256 + sha256Hex(secret);
    }

    /** {@code {bcrypt}…} of a secret, as written in configuration (slow to check, for passwords). */
    public static String bcrypt(String secret) {
        return SLOW.encode(secret);
    }

    private static String sha256Hex(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the hash of a secret read from standard input, for configuration: {@code ... HashSecret [bcrypt]}. */
    public static void main(String[] args) throws java.io.IOException {
        var secret = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println(args.length > 0 && args[0].equals("bcrypt") ? SLOW.encode(secret) : sha256(secret));
    }
}
