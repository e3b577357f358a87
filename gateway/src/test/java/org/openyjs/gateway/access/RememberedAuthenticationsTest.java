package org.openyjs.gateway.access;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RememberedAuthenticationsTest {

    private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final AtomicInteger conversions = new AtomicInteger();
    private final RememberedAuthentications remembered = new RememberedAuthentications(jwt -> {
        conversions.incrementAndGet();
        return Mono.just(new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("ROLE_ANALYST"))));
    }, 16, now::get);

    @Test
    void a_token_is_converted_once_while_it_is_valid_and_again_once_it_has_expired() {
        Jwt jwt = jwt("token-a", START.plusSeconds(60));

        AbstractAuthenticationToken first = remembered.convert(jwt).block();
        AbstractAuthenticationToken second = remembered.convert(jwt).block();
        assertThat(second).isSameAs(first);
        assertThat(second.getAuthorities()).extracting("authority").containsExactly("ROLE_ANALYST");
        assertThat(conversions).hasValue(1);

        now.set(START.plusSeconds(60));
        AbstractAuthenticationToken afterExpiry = remembered.convert(jwt).block();
        assertThat(afterExpiry).as("not served at its expiry").isNotSameAs(first);
        assertThat(conversions).hasValue(2);
    }

    @Test
    void each_token_has_its_own_authentication() {
        AbstractAuthenticationToken a = remembered.convert(jwt("token-a", START.plusSeconds(60))).block();
        AbstractAuthenticationToken b = remembered.convert(jwt("token-b", START.plusSeconds(60))).block();

        assertThat(((JwtAuthenticationToken) b).getToken().getTokenValue()).isEqualTo("token-b");
        assertThat(b).isNotSameAs(a);
        assertThat(conversions).hasValue(2);
    }

    private static Jwt jwt(String value, Instant expiresAt) {
        return Jwt.withTokenValue(value).header("alg", "RS256").subject("analyst")
                .issuedAt(START.minusSeconds(1)).expiresAt(expiresAt).build();
    }
}
