package org.openyjs.support.security;

import org.openyjs.access.VerifiedTokens;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The service's JWT decoder, remembering the tokens it has verified until they expire
 * ({@link VerifiedTokens}): a token is checked once, not on every request it comes with.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final VerifiedTokens<Jwt> verified;

    CachingJwtDecoder(JwtDecoder verifier, int capacity, Supplier<Instant> now) {
        this.verifier = verifier;
        this.verified = new VerifiedTokens<>(capacity, Jwt::getExpiresAt, now);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        return verified.get(token).orElseGet(() -> verified.remember(token, verifier.decode(token)));
    }

    /** Wraps whichever JwtDecoder bean the context has (Boot's from the issuer, or a test's). */
    static BeanPostProcessor wrapping(int capacity) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        ? new CachingJwtDecoder(decoder, capacity, Instant::now) : bean;
            }
        };
    }
}
