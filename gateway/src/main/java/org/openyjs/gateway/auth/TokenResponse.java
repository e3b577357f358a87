package org.openyjs.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;

/** The OAuth 2 token response shape (RFC 6749 section 5.1), so standard clients can read it. */
record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") long expiresIn) {

    static TokenResponse bearer(String token, Duration ttl) {
        return new TokenResponse(token, "Bearer", ttl.toSeconds());
    }
}
