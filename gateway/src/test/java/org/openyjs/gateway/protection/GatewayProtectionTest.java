package org.openyjs.gateway.protection;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's limits and headers, over real HTTP. No downstream is needed: all of it happens in front of the routes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "yjs.gateway.max-request-size=1KB",
        // Above the sign-in form's codec limit (256 KiB), so that limit is what stops the streamed form below.
        "yjs.gateway.max-small-request-size=1MB"})
class GatewayProtectionTest {

    @Autowired
    WebTestClient client;

    @Test
    void a_declared_body_over_the_limit_gets_413_before_authentication() {
        client.post().uri("/api/cases")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("x".repeat(2048))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.title").isEqualTo("Request too large");
    }

    @Test
    void a_streamed_sign_in_form_past_the_codec_limit_gets_413_not_500() {
        // No declared length, so only the codec's in-memory limit (256 KiB) stops it.
        client.post().uri("/auth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(Flux.range(0, 6).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024])),
                        DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void a_header_read_with_a_control_character_in_it_is_refused_by_the_firewall() {
        // U+0085 (next line) passes Netty's own header checks; Spring Security's firewall refuses it when the
        // header is read, as the token is.
        client.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer abc\u0085")
                .exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/cases/c-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer abc\u00e9")
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void responses_carry_the_security_headers_and_no_cross_origin_access() {
        client.get().uri("/actuator/health").exchange()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"));

        client.method(HttpMethod.OPTIONS).uri("/api/cases")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
