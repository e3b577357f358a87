package org.openyjs.gateway.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * Keeps {@code POST /auth/token} (user name and password, form or JSON) working for scripts, tests and
 * the dashboard: the gateway no longer issues tokens, it asks the authorization server for the user's
 * token with the client credentials grant, where each demo user is a client whose secret is their
 * password. The gateway never sees a signing key.
 */
@RestController
@ConditionalOnProperty(prefix = "yjs.auth.token-relay", name = "enabled", matchIfMissing = true)
class TokenRelay {

    private static final Logger log = LoggerFactory.getLogger(TokenRelay.class);
    private static final String TOKEN_PATH = "/auth/token";

    private final WebClient authorizationServer;
    private final TokenRelayProperties properties;

    TokenRelay(WebClient.Builder webClients, TokenRelayProperties properties) {
        this.authorizationServer = webClients.build();
        this.properties = properties;
    }

    record Credentials(String username, String password) {
    }

    // WebFlux reads form bodies through the exchange, not @RequestBody.
    @PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<?>> tokenFromForm(ServerWebExchange exchange) {
        return exchange.getFormData()
                .flatMap(form -> token(new Credentials(form.getFirst("username"), form.getFirst("password"))));
    }

    @PostMapping(path = TOKEN_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> tokenFromJson(@RequestBody Credentials credentials) {
        return token(credentials);
    }

    private Mono<ResponseEntity<?>> token(Credentials credentials) {
        // A colon cannot travel in a Basic username: no user has one.
        if (isBlank(credentials.username()) || isBlank(credentials.password()) || credentials.username().contains(":")) {
            return Mono.just(refused());
        }
        return authorizationServer.post().uri(properties.tokenUri())
                .headers(headers -> headers.setBasicAuth(credentials.username(), credentials.password(),
                        StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(TokenResponse.class).<ResponseEntity<?>>map(ResponseEntity::ok);
                    }
                    if (response.statusCode().value() == 400 || response.statusCode().value() == 401) {
                        return response.releaseBody().thenReturn(refused());
                    }
                    log.warn("The authorization server answered {} to a token request", response.statusCode());
                    return response.releaseBody().thenReturn(unavailable());
                })
                .timeout(properties.timeout())
                .onErrorResume(e -> {
                    log.warn("The authorization server at {} did not answer: {}", properties.tokenUri(), e.toString());
                    return Mono.just(unavailable());
                });
    }

    // One message for unknown user and wrong password, so user names cannot be probed.
    private static ResponseEntity<?> refused() {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Unknown username or wrong password")).build();
    }

    private static ResponseEntity<?> unavailable() {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The authorization server cannot be reached; try again shortly")).build();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
