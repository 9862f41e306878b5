package dev.idmap.service.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and checks local download links: HMAC-SHA256 over the key and the expiry instant. */
public final class LinkSigner {

    private final SecretKeySpec key;

    public LinkSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the link signing key must have at least 32 bytes (256 bits)");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String sign(String reportKey, Instant expires) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            var data = reportKey + "\n" + expires.getEpochSecond();
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean verify(String reportKey, Instant expires, String signature) {
        if (signature == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(reportKey, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
