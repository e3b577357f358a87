package org.openyjs.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Hands out demo tokens and publishes the key that verifies them. */
@RestController
@ConditionalOnDemoIssuer
class TokenEndpoint {

    private static final String TOKEN_PATH = "/auth/token";

    private final LocalTokenIssuer issuer;
    private final Map<String, Object> publicJwks;

    TokenEndpoint(LocalTokenIssuer issuer, RSAKey signingKey) {
        this.issuer = issuer;
        this.publicJwks = new JWKSet(signingKey.toPublicJWK()).toJSONObject();
    }

    record Credentials(String username, String password) {
    }

    // WebFlux reads form bodies through the exchange, not @RequestBody.
    @PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<?>> tokenFromForm(ServerWebExchange exchange) {
        return exchange.getFormData()
                .map(form -> token(new Credentials(form.getFirst("username"), form.getFirst("password"))));
    }

    @PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> tokenFromJson(@RequestBody Credentials credentials) {
        return token(credentials);
    }

    @GetMapping("/oauth2/jwks")
    Map<String, Object> jwks() {
        return publicJwks;
    }

    private ResponseEntity<?> token(Credentials credentials) {
        return issuer.issue(credentials.username(), credentials.password())
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                // One message for unknown user and wrong password, so usernames cannot be probed.
                .orElseGet(() -> ResponseEntity.of(ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNAUTHORIZED, "Unknown username or wrong password")).build());
    }
}
