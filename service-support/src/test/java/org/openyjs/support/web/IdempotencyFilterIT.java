package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openyjs.testsupport.TestInfrastructure;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** On real PostgreSQL: a claim left in progress by a request that died is taken over only once stale. */
class IdempotencyFilterIT {

    private static JdbcClient jdbc;

    private final AtomicInteger handled = new AtomicInteger();
    private final IdempotencyFilter filter = new IdempotencyFilter(jdbc, new ObjectMapper(), Duration.ofMinutes(2));

    @BeforeAll
    static void database() throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.newDatabase("idempotency_filter"));
        dataSource.setUser(pg.username());
        dataSource.setPassword(pg.password());
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql(Files.readString(Path.of("src/main/resources/db/common/V1_1__idempotency_keys.sql"))).update();
    }

    @Test
    void a_retry_of_a_request_that_died_in_progress_runs_once_the_claim_is_stale() throws Exception {
        String key = UUID.randomUUID().toString();
        claimLeftBehind(key, "10 minutes");

        MockHttpServletResponse retried = send(key);

        assertThat(handled).hasValue(1);
        assertThat(retried.getStatus()).isEqualTo(201);
        assertThat(state(key)).isEqualTo("COMPLETED");
        MockHttpServletResponse again = send(key);
        assertThat(again.getHeader(IdempotencyFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(handled).as("replayed, not run again").hasValue(1);
    }

    @Test
    void a_claim_in_progress_for_less_than_the_timeout_still_turns_the_retry_away() throws Exception {
        String key = UUID.randomUUID().toString();
        claimLeftBehind(key, "30 seconds");

        MockHttpServletResponse retried = send(key);

        assertThat(retried.getStatus()).isEqualTo(409);
        assertThat(retried.getContentAsString()).contains("still in progress");
        assertThat(handled).hasValue(0);
        assertThat(state(key)).isEqualTo("IN_PROGRESS");
    }

    @Test
    void a_stale_claim_is_not_taken_over_by_a_different_request() throws Exception {
        String key = UUID.randomUUID().toString();
        claimLeftBehind(key, "10 minutes");

        MockHttpServletRequest other = request(key, "{\"childId\":\"someone-else\"}");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(other, response, (req, res) -> handled.incrementAndGet());

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(handled).hasValue(0);
    }

    private static final String BODY = "{\"childId\":\"c1\"}";

    private void claimLeftBehind(String key, String age) {
        jdbc.sql("INSERT INTO idempotency_key (user_name, idempotency_key, request_hash, state, created_at) "
                        + "VALUES ('anonymous', :key, :hash, 'IN_PROGRESS', now() - CAST(:age AS interval))")
                .param("key", key)
                .param("hash", IdempotencyFilter.hash("POST /cases\n", BODY.getBytes(StandardCharsets.UTF_8)))
                .param("age", age).update();
    }

    private MockHttpServletResponse send(String key) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request(key, BODY), response, (req, res) -> {
            handled.incrementAndGet();
            req.getInputStream().readAllBytes();
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(201);
            res.setContentType("application/json");
            res.getWriter().write("{\"childId\":\"c1\"}");
        });
        return response;
    }

    private static MockHttpServletRequest request(String key, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cases");
        request.addHeader(IdempotencyFilter.HEADER, key);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static String state(String key) {
        return jdbc.sql("SELECT state FROM idempotency_key WHERE idempotency_key = :key").param("key", key)
                .query(String.class).single();
    }
}
