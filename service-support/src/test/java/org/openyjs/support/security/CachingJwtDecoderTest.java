package org.openyjs.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();

    /** Verifies "good-*" tokens (expiring at the time after the dash, in seconds from NOW); refuses the rest. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("ada")
                .issuedAt(NOW.minusSeconds(10)).expiresAt(NOW.plusSeconds(Long.parseLong(token.substring(5)))).build();
    };

    @Test
    void a_token_is_verified_once_then_served_until_it_expires() {
        Instant[] now = {NOW};
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, 100, () -> now[0]);

        Jwt first = decoder.decode("good-300");
        assertThat(decoder.decode("good-300")).isSameAs(first);
        assertThat(verifications).hasValue(1);

        now[0] = NOW.plusSeconds(300);
        decoder.decode("good-300");
        assertThat(verifications).as("verified again once expired (the verifier then refuses it)").hasValue(2);
    }

    @Test
    void a_refused_token_is_refused_every_time() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, 100, () -> NOW);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
