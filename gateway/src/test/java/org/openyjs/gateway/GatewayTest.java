package org.openyjs.gateway;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.BodyInserters;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway end to end: real HTTP in, real HTTP out to a stub standing in for the services. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class GatewayTest {

    private static final DownstreamStub SERVICES = DownstreamStub.start();
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() { };

    @DynamicPropertySource
    static void routeToStub(DynamicPropertyRegistry registry) {
        registry.add("CASE_SERVICE_URL", SERVICES::baseUrl);
        registry.add("PANEL_SERVICE_URL", SERVICES::baseUrl);
        registry.add("KPI_SERVICE_URL", SERVICES::baseUrl);
    }

    @AfterAll
    static void stopStub() {
        SERVICES.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveJwtDecoder decoder;

    String tokenFor(String username) {
        Map<String, Object> body = client.post().uri("/auth/token")
                .body(BodyInserters.fromFormData("username", username).with("password", username))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT)
                .returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return (String) body.get("access_token");
    }

    ResponseSpec call(String username, HttpMethod method, String path) {
        return client.method(method).uri(path)
                .headers(headers -> headers.setBearerAuth(tokenFor(username)))
                .exchange();
    }

    @Nested
    class TokenIssuer {

        @ParameterizedTest(name = "{0} gets a token carrying role {1}")
        @CsvSource({"practitioner, practitioner", "chair, panel-chair", "analyst, analyst", "admin, admin"})
        void eachDemoUserGetsASignedTokenWithTheirRole(String username, String role) {
            Map<String, Object> response = client.post().uri("/auth/token")
                    .body(BodyInserters.fromFormData("username", username).with("password", username))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(JSON_OBJECT)
                    .returnResult().getResponseBody();
            assertThat(response).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);

            Jwt jwt = decoder.decode((String) response.get("access_token")).block();
            assertThat(jwt).isNotNull();
            assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
            assertThat(jwt.getSubject()).isEqualTo(username);
            assertThat(jwt.getClaimAsString("iss")).isEqualTo("yjs-local-issuer");
            assertThat(jwt.getClaimAsStringList("roles")).containsExactly(role);
            assertThat(jwt.getExpiresAt()).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3600));
        }

        @Test
        void credentialsMayAlsoBeSentAsJson() {
            client.post().uri("/auth/token")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "analyst", "password", "analyst"))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.access_token").isNotEmpty();
        }

        @ParameterizedTest(name = "{0} / {1}")
        @CsvSource({"practitioner, wrong", "nobody, nobody"})
        void wrongCredentialsAre401WithAProblem(String username, String password) {
            client.post().uri("/auth/token")
                    .body(BodyInserters.fromFormData("username", username).with("password", password))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(401)
                    .jsonPath("$.detail").isEqualTo("Unknown username or wrong password")
                    .jsonPath("$.access_token").doesNotExist();
        }

        @Test
        void theVerificationKeyIsPublishedAsAJwkSetOfOnePublicRsaKey() {
            client.get().uri("/oauth2/jwks")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.keys.length()").isEqualTo(1)
                    .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                    .jsonPath("$.keys[0].kid").isNotEmpty()
                    .jsonPath("$.keys[0].n").isNotEmpty()
                    .jsonPath("$.keys[0].d").doesNotExist();
        }
    }

    @Nested
    class Authentication {

        @Test
        void noTokenIs401WithABearerChallenge() {
            client.post().uri("/api/cases")
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(401);
        }

        @Test
        void aTokenSignedByAnotherKeyIs401() throws Exception {
            var otherKey = new RSAKeyGenerator(2048).keyID("forged").generate();
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer("yjs-local-issuer")
                    .subject("mallory")
                    .expiresAt(Instant.now().plusSeconds(600))
                    .claim("roles", List.of("admin"))
                    .build();
            String forged = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(otherKey)))
                    .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                    .getTokenValue();

            client.get().uri("/api/kpi/first-time-entrants")
                    .headers(headers -> headers.setBearerAuth(forged))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/info", "/actuator/prometheus", "/oauth2/jwks"})
        void operationalEndpointsNeedNoToken(String path) {
            client.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Nested
    class RoleMatrix {

        @ParameterizedTest(name = "{0} {1} {2} -> {3}")
        @CsvSource(delimiter = '|', textBlock = """
                practitioner | POST   | /api/cases                      | 200
                practitioner | GET    | /api/cases/c-1                  | 200
                analyst      | POST   | /api/cases                      | 403
                admin        | POST   | /api/cases                      | 403
                admin        | POST   | /api/cases/imports              | 200
                admin        | GET    | /api/cases/imports/j-1          | 200
                practitioner | POST   | /api/cases/imports              | 403
                practitioner | GET    | /api/cases/imports/j-1          | 403
                analyst      | GET    | /api/reference/ethnicities      | 200
                chair        | GET    | /api/reference/ethnicities      | 200
                practitioner | POST   | /api/reference/ethnicities      | 403
                chair        | POST   | /api/panels                     | 200
                practitioner | POST   | /api/panels                     | 403
                analyst      | GET    | /api/kpi/first-time-entrants    | 200
                admin        | GET    | /api/kpi/first-time-entrants    | 200
                practitioner | GET    | /api/kpi/first-time-entrants    | 403
                analyst      | POST   | /api/kpi/first-time-entrants    | 403
                analyst      | POST   | /api/kpi/rebuild                | 403
                analyst      | GET    | /api/kpi/rebuild                | 403
                admin        | POST   | /api/kpi/rebuild                | 200
                chair        | GET    | /api/referrals                  | 200
                chair        | GET    | /api/timeliness                 | 200
                chair        | POST   | /api/scrutiny/samples/d1/finding | 200
                practitioner | GET    | /api/referrals                  | 403
                analyst      | GET    | /api/decisions                  | 403
                analyst      | PUT    | /api/kpi/admin/comparators      | 200
                admin        | PUT    | /api/kpi/admin/rag-thresholds   | 200
                practitioner | PUT    | /api/kpi/admin/comparators      | 403
                analyst      | POST   | /api/kpi/admin/population       | 403
                admin        | POST   | /api/kpi/admin/population       | 200
                admin        | GET    | /api/audit/case-access          | 200
                analyst      | GET    | /api/audit/case-access          | 403
                practitioner | GET    | /api/audit/case-access          | 403
                admin        | POST   | /api/audit/case-access          | 403
                admin        | GET    | /api/unrouted                   | 403
                """)
        void eachRoleReachesOnlyItsOwnRoutes(String username, HttpMethod method, String path, int status) {
            call(username, method, path).expectStatus().isEqualTo(status);
        }

        @Test
        void accessDeniedIs403WithAProblem() {
            call("analyst", HttpMethod.POST, "/api/cases")
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(403)
                    .jsonPath("$.instance").isEqualTo("/api/cases");
        }
    }

    @Nested
    class Routing {

        @ParameterizedTest(name = "{1} {2} reaches the service as {3}")
        @CsvSource(delimiter = '|', textBlock = """
                practitioner | POST | /api/cases                 | /cases
                practitioner | GET  | /api/cases/c-1/timeline    | /cases/c-1/timeline
                analyst      | GET  | /api/reference/ethnicities | /reference/ethnicities
                chair        | POST | /api/panels                | /panels
                analyst      | GET  | /api/kpi/first-time-entrants | /kpi/first-time-entrants
                """)
        void theApiPrefixIsStrippedBeforeForwarding(String username, HttpMethod method, String path, String forwarded) {
            call(username, method, path)
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.method").isEqualTo(method.name())
                    .jsonPath("$.path").isEqualTo(forwarded);
        }
    }

    @Nested
    class IdentityPropagation {

        @Test
        void theServicesHearTheTokensUserAndRolesNotTheCallersClaim() {
            client.post().uri("/api/panels")
                    .headers(headers -> {
                        headers.setBearerAuth(tokenFor("chair"));
                        headers.set("X-Authenticated-User", "mallory");
                        headers.set("X-Authenticated-Roles", "admin");
                    })
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.headers['x-authenticated-user']").isEqualTo("chair")
                    .jsonPath("$.headers['x-authenticated-roles']").isEqualTo("panel-chair");
        }
    }

    @Nested
    class CorrelationId {

        @Test
        void aMissingIdIsGeneratedPassedDownstreamAndEchoed() {
            var result = call("analyst", HttpMethod.GET, "/api/kpi/first-time-entrants")
                    .expectStatus().isOk()
                    .expectBody(JSON_OBJECT)
                    .returnResult();
            String echoed = result.getResponseHeaders().getFirst("X-Correlation-Id");
            assertThat(echoed).matches("[0-9a-f-]{36}");
            assertThat(result.getResponseBody()).extractingByKey("headers")
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("x-correlation-id", echoed);
        }

        @Test
        void aSaneInboundIdIsKept() {
            client.get().uri("/api/kpi/first-time-entrants")
                    .headers(headers -> {
                        headers.setBearerAuth(tokenFor("analyst"));
                        headers.set("X-Correlation-Id", "report-42");
                    })
                    .exchange()
                    .expectHeader().valueEquals("X-Correlation-Id", "report-42")
                    .expectBody().jsonPath("$.headers['x-correlation-id']").isEqualTo("report-42");
        }

        @ParameterizedTest
        @ValueSource(strings = {"has spaces", "semi;colon", "0123456789012345678901234567890123456789012345678901234567890123456789"})
        void anUnsafeInboundIdIsReplaced(String unsafe) {
            client.get().uri("/api/kpi/first-time-entrants")
                    .headers(headers -> {
                        headers.setBearerAuth(tokenFor("analyst"));
                        headers.set("X-Correlation-Id", unsafe);
                    })
                    .exchange()
                    .expectHeader().value("X-Correlation-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
        }

        @Test
        void refusalsCarryTheIdToo() {
            client.post().uri("/api/cases")
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().exists("X-Correlation-Id");
        }
    }
}
