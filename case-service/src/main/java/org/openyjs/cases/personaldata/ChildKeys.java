package org.openyjs.cases.personaldata;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Optional;

/** Each child's personal-data key: created on first use, destroyed on erasure, never recreated. */
@Component
public class ChildKeys {

    private static final String AES = "AES";
    private static final int KEY_BYTES = 32;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public ChildKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The child's key, creating it on first use; empty when it was destroyed by an erasure. */
    public Optional<SecretKey> keyFor(String childId) {
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        jdbc.sql("INSERT INTO child_key (child_id, aes_key) VALUES (:child, :key) ON CONFLICT (child_id) DO NOTHING")
                .param("child", childId).param("key", fresh).update();
        return existingKey(childId);
    }

    /** The child's key if one exists and was not destroyed. */
    public Optional<SecretKey> existingKey(String childId) {
        return jdbc.sql("SELECT aes_key FROM child_key WHERE child_id = :child AND aes_key IS NOT NULL")
                .param("child", childId)
                .query((rs, n) -> (SecretKey) new SecretKeySpec(rs.getBytes(1), AES))
                .optional();
    }

    /** Destroys the key for good (idempotent). A tombstone row stops a new key being made. */
    public void destroy(String childId) {
        jdbc.sql("""
                        INSERT INTO child_key (child_id, aes_key, destroyed_at) VALUES (:child, NULL, now())
                        ON CONFLICT (child_id) DO UPDATE SET aes_key = NULL,
                            destroyed_at = COALESCE(child_key.destroyed_at, now())""")
                .param("child", childId).update();
    }
}
