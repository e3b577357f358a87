package org.openyjs.support.web;

import org.junit.jupiter.api.Test;
import org.openyjs.testsupport.TestInfrastructure;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** On real PostgreSQL, with the table the shared migration creates. */
class IdempotencyKeyExpiryIT {

    @Test
    void answers_older_than_the_retention_are_forgotten_and_newer_ones_kept() throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.newDatabase("idempotency_expiry"));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql(Files.readString(Path.of("src/main/resources/db/common/V1_1__idempotency_keys.sql"))).update();
        Instant now = Instant.parse("2024-03-10T12:00:00Z");
        insert(jdbc, "eight-days-old", now.minus(Duration.ofDays(8)));
        insert(jdbc, "six-days-old", now.minus(Duration.ofDays(6)));
        insert(jdbc, "just-now", now);

        int removed = new IdempotencyKeyExpiry(jdbc, Duration.ofDays(7), Duration.ofHours(1),
                Clock.fixed(now, ZoneOffset.UTC)).purge();

        assertThat(removed).isEqualTo(1);
        assertThat(jdbc.sql("SELECT idempotency_key FROM idempotency_key ORDER BY idempotency_key").query(String.class).list())
                .isEqualTo(List.of("just-now", "six-days-old"));
    }

    private static void insert(JdbcClient jdbc, String key, Instant createdAt) {
        jdbc.sql("INSERT INTO idempotency_key (user_name, idempotency_key, request_hash, state, created_at) "
                        + "VALUES ('pat', :key, 'h', 'COMPLETED', :at)")
                .param("key", key).param("at", java.sql.Timestamp.from(createdAt)).update();
    }
}
