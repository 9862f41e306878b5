package dev.idmap.service.storage;

import dev.idmap.service.config.ConfigurationMistake;
import java.security.SecureRandom;
import java.util.Base64;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The key that signs local download links: the configured one, or one generated once and kept in the database so
 * that links survive restarts and every node of a cluster signs alike.
 */
public final class SigningKeys {

    private static final String SETTING = "download-link-signing-key";

    private SigningKeys() {}

    public static byte[] load(String configured, DataSource dataSource) {
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationMistake("idmap.storage.local.signing-key must be base64 (32 bytes or more)");
            }
            if (key.length < 32) {
                throw new ConfigurationMistake("idmap.storage.local.signing-key must hold at least 32 bytes");
            }
            return key;
        }
        var jdbc = JdbcClient.create(dataSource);
        var stored = read(jdbc);
        if (stored != null) {
            return stored;
        }
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            jdbc.sql("insert into idmap_setting (setting_name, setting_value) values (?, ?)")
                    .params(SETTING, Base64.getEncoder().encodeToString(key))
                    .update();
            return key;
        } catch (DuplicateKeyException e) {
            return read(jdbc); // another node generated it first
        }
    }

    private static byte[] read(JdbcClient jdbc) {
        return jdbc.sql("select setting_value from idmap_setting where setting_name = ?")
                .param(SETTING)
                .query(String.class)
                .optional()
                .map(Base64.getDecoder()::decode)
                .orElse(null);
    }
}
