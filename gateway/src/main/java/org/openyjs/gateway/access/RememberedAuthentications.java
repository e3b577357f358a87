package org.openyjs.gateway.access;

import org.openyjs.access.VerifiedTokens;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The caller's authentication (the verified token and the roles it grants), made once per token and kept while the
 * token is valid, like the verified token itself ({@link CachingReactiveJwtDecoder}): the same token comes with every
 * request a client makes. Only tokens that were verified reach here, and one is never served at or after its expiry.
 */
final class RememberedAuthentications implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final Converter<Jwt, Mono<AbstractAuthenticationToken>> converter;
    private final VerifiedTokens<AbstractAuthenticationToken> made;

    RememberedAuthentications(Converter<Jwt, Mono<AbstractAuthenticationToken>> converter, int capacity,
                              Supplier<Instant> now) {
        this.converter = converter;
        this.made = new VerifiedTokens<>(capacity, RememberedAuthentications::expiry, now);
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String token = jwt.getTokenValue();
        return made.get(token).map(Mono::just)
                .orElseGet(() -> converter.convert(jwt).map(authentication -> made.remember(token, authentication)));
    }

    // Anything but a JWT's authentication has no expiry here, and so is not kept.
    private static Instant expiry(AbstractAuthenticationToken authentication) {
        return authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getExpiresAt() : null;
    }
}
