package org.openyjs.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The local authorization server as scripts and tests use it: a token per demo user, without a browser. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "yjs.auth-server.issuer=http://issuer.test")
@ActiveProfiles("local")
class AuthServerTest {

    static final Path KEY_FILE;

    static {
        try {
            KEY_FILE = Files.createTempDirectory("auth-server-test").resolve("keys/signing-key.json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void keyFile(DynamicPropertyRegistry registry) {
        registry.add("yjs.auth-server.signing-key.file", KEY_FILE::toString);
    }

    @Autowired
    TestRestTemplate http;

    ResponseEntity<JsonNode> token(String user, String secret) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setBasicAuth(user, secret);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        return http.postForEntity("/oauth2/token", new HttpEntity<>(form, headers), JsonNode.class);
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @CsvSource({
            "practitioner,   PRACTITIONER",
            "victim-officer, VICTIM_OFFICER",
            "panel-chair,    PANEL_CHAIR",
            "analyst,        ANALYST",
            "qa-lead,        QA_LEAD",
            "admin,          ADMIN",
    })
    void eachDemoUserGetsATokenSignedByThePublishedKeyWithTheirRole(String user, String role) throws Exception {
        ResponseEntity<JsonNode> response = token(user, user);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(response.getBody().path("expires_in").asLong()).isBetween(3500L, 3600L);

        SignedJWT jwt = SignedJWT.parse(response.getBody().path("access_token").asText());
        JWKSet published = JWKSet.parse(http.getForObject("/oauth2/jwks", String.class));
        RSAKey key = (RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(user);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("http://issuer.test");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly(role);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(Instant.now());
    }

    @Test
    void aWrongSecretOrUnknownUserGetsNoToken() {
        assertThat(token("admin", "practitioner").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(token("nobody", "nobody").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theSigningKeyIsGeneratedIntoTheDataDirectoryReadableByItsOwnerOnly() throws Exception {
        assertThat(KEY_FILE).exists();
        assertThat(Files.getPosixFilePermissions(KEY_FILE))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        RSAKey stored = RSAKey.parse(Files.readString(KEY_FILE));
        JWKSet published = JWKSet.parse(http.getForObject("/oauth2/jwks", String.class));
        assertThat(published.getKeys()).singleElement()
                .satisfies(key -> assertThat(key.getKeyID()).isEqualTo(stored.getKeyID()));
        // Loading again reads the same key rather than making a new one, so tokens outlive a restart.
        assertThat(SigningKeys.load(new AuthServerProperties.SigningKey(null, KEY_FILE, true)).getKeyID())
                .isEqualTo(stored.getKeyID());
    }

    @Test
    void theDiscoveryDocumentNamesTheIssuerAndJwks() {
        JsonNode discovery = http.getForObject("/.well-known/openid-configuration", JsonNode.class);
        assertThat(discovery.path("issuer").asText()).isEqualTo("http://issuer.test");
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo("http://issuer.test/oauth2/jwks");
    }

    @Test
    void onlyProbesAndMetricsAreOpenBesideTheServer() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode().value()).isIn(401, 403);
        assertThat(Set.of(http.getForEntity("/anything", String.class).getStatusCode().value())).containsAnyOf(401, 403);
    }
}
