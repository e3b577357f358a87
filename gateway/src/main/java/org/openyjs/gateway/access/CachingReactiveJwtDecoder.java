package org.openyjs.gateway.access;

import org.openyjs.access.VerifiedTokens;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The gateway's JWT decoder, remembering the tokens it has verified until they expire
 * ({@link VerifiedTokens}): a token is checked once, not on every request it comes with.
 */
final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final VerifiedTokens<Jwt> verified;

    CachingReactiveJwtDecoder(ReactiveJwtDecoder verifier, int capacity, Supplier<Instant> now) {
        this.verifier = verifier;
        this.verified = new VerifiedTokens<>(capacity, Jwt::getExpiresAt, now);
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        return verified.get(token).map(Mono::just)
                .orElseGet(() -> verifier.decode(token).map(jwt -> verified.remember(token, jwt)));
    }

    /** Wraps whichever ReactiveJwtDecoder bean the context has (Boot's from the issuer, or a test's). */
    static BeanPostProcessor wrapping(int capacity) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingReactiveJwtDecoder)
                        ? new CachingReactiveJwtDecoder(decoder, capacity, Instant::now) : bean;
            }
        };
    }
}
