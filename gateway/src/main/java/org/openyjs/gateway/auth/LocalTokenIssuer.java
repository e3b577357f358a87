package org.openyjs.gateway.auth;

import org.openyjs.gateway.access.JwtRoles;
import org.openyjs.gateway.auth.DemoIssuerProperties.DemoUser;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/** Checks a demo user's password and mints their RS256 access token. */
final class LocalTokenIssuer {

    private final JwtEncoder encoder;
    private final DemoIssuerProperties properties;

    LocalTokenIssuer(JwtEncoder encoder, DemoIssuerProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
    }

    /** Empty when the username is unknown or the password does not match. */
    Optional<TokenResponse> issue(String username, String password) {
        return properties.demoUsers().stream()
                .filter(user -> user.username().equals(username) && passwordMatches(user, password))
                .findFirst()
                .map(this::tokenFor);
    }

    private TokenResponse tokenFor(DemoUser user) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.demoIssuer().issuer())
                .subject(user.username())
                .issuedAt(now)
                .expiresAt(now.plus(properties.demoIssuer().tokenTtl()))
                .claim(JwtRoles.CLAIM, user.roles())
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return TokenResponse.bearer(token, properties.demoIssuer().tokenTtl());
    }

    // Constant-time, so response timing does not leak how much of a password was right.
    private static boolean passwordMatches(DemoUser user, String password) {
        return password != null && MessageDigest.isEqual(
                user.password().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }
}
