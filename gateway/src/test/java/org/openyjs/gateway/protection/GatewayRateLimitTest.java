package org.openyjs.gateway.protection;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The per-caller rate limit over real HTTP, in a context of its own so no other test spends the bucket. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "yjs.gateway.requests-per-second=1",
        "yjs.gateway.burst=3"})
class GatewayRateLimitTest {

    @Autowired
    WebTestClient client;

    @Test
    void past_the_burst_a_caller_gets_429_with_retry_after_and_a_problem_body() {
        // Anonymous callers are limited by address; /actuator/info is open, so this needs no token.
        for (int i = 0; i < 3; i++) {
            client.get().uri("/actuator/info").exchange().expectStatus().isOk();
        }
        client.get().uri("/actuator/info").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(429);
    }

}
