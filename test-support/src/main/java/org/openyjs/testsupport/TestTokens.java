package org.openyjs.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real signed tokens for tests: an RSA key generated once per test JVM, its public half served as a JWK
 * set on a loopback port, and {@link #register} pointing a service (or the gateway) under test at it, so
 * the services validate test tokens exactly as they validate the auth server's.
 *
 * <p>The same little server answers the client-credentials grant for the demo users (secret = user name),
 * standing in for the auth server where a test needs one (the gateway's token relay).
 */
public final class TestTokens {

    public static final String ISSUER = "http://test-issuer.invalid";

    /** The demo users and their roles, as the auth server's local profile has them. */
    public static final Map<String, List<String>> DEMO_USERS = Map.of(
            "practitioner", List.of("PRACTITIONER"),
            "victim-officer", List.of("VICTIM_OFFICER"),
            "panel-chair", List.of("PANEL_CHAIR"),
            "analyst", List.of("ANALYST"),
            "qa-lead", List.of("QA_LEAD"),
            "admin", List.of("ADMIN"));

    private static final RSAKey KEY = generate();
    private static HttpServer server;

    private TestTokens() {
    }

    /** A token for this user with these roles (e.g. {@code PRACTITIONER}), valid for an hour. */
    public static String token(String user, String... roles) {
        return sign(KEY, user, List.of(roles), ISSUER);
    }

    /** {@code Authorization: Bearer ...} for this user and roles. */
    public static HttpHeaders bearer(String user, String... roles) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token(user, roles));
        return headers;
    }

    /** A token signed by a key nobody trusts: what a forger could make. */
    public static String forgedToken(String user, String... roles) {
        return sign(generate(), user, List.of(roles), ISSUER);
    }

    /** Where the public key is published, as a JWK set. */
    public static synchronized String jwkSetUri() {
        return baseUrl() + "/oauth2/jwks";
    }

    /** The client-credentials token endpoint for {@link #DEMO_USERS}. */
    public static synchronized String tokenUri() {
        return baseUrl() + "/oauth2/token";
    }

    /**
     * Makes the service under test trust these tokens, and lets its {@code TestRestTemplate} turn a test's
     * {@code X-Authenticated-User}/{@code -Roles} headers into a real bearer token (see
     * {@link TestTokensAutoConfiguration}).
     */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens::jwkSetUri);
        registry.add(TestTokensAutoConfiguration.ENABLED, () -> "true");
    }

    /** Who a request without any identity of its own is sent as, for tests whose every call is one role's. */
    public static void defaultCaller(DynamicPropertyRegistry registry, String user, String... roles) {
        registry.add(TestTokensAutoConfiguration.DEFAULT_USER, () -> user);
        registry.add(TestTokensAutoConfiguration.DEFAULT_ROLES, () -> String.join(",", roles));
    }

    private static String baseUrl() {
        if (server == null) {
            server = start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            http.createContext("/oauth2/jwks", exchange -> answer(exchange, 200, jwks));
            http.createContext("/oauth2/token", TestTokens::clientCredentials);
            http.setExecutor(null);
            http.start();
            // A daemon-less server would keep the JVM alive; stop it with the JVM instead.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> http.stop(0)));
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test JWKS server", e);
        }
    }

    private static void clientCredentials(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        Arrays.stream(form.split("&")).map(pair -> pair.split("=", 2)).filter(pair -> pair.length == 2)
                .forEach(pair -> fields.put(pair[0], URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        String[] client = {fields.get("client_id"), fields.get("client_secret")};
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            client = URLDecoder.decode(decoded, StandardCharsets.UTF_8).split(":", 2);
        }
        boolean known = "POST".equals(exchange.getRequestMethod())
                && "client_credentials".equals(fields.get("grant_type"))
                && client.length == 2 && client[0] != null && DEMO_USERS.containsKey(client[0])
                && client[0].equals(client[1]);
        if (!known) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String token = sign(KEY, client[0], DEMO_USERS.get(client[0]), ISSUER);
        answer(exchange, 200, ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3599}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String sign(RSAKey key, String user, List<String> roles, String issuer) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim("roles", roles)
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
