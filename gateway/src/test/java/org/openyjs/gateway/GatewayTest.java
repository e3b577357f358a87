package org.openyjs.gateway;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openyjs.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.DefaultUriBuilderFactory;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway end to end: real HTTP in, real HTTP out to a stub standing in for the services. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
// A token request now goes on to the (stand-in) auth server: give a busy build machine time.
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayTest {

    private static final DownstreamStub SERVICES = DownstreamStub.start();
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() { };

    @DynamicPropertySource
    static void routeToStub(DynamicPropertyRegistry registry) {
        registry.add("CASE_SERVICE_URL", SERVICES::baseUrl);
        registry.add("PANEL_SERVICE_URL", SERVICES::baseUrl);
        registry.add("KPI_SERVICE_URL", SERVICES::baseUrl);
        // Tokens signed by the test JVM's key; its stand-in token endpoint plays the auth server.
        TestTokens.register(registry);
        registry.add("yjs.auth.token-relay.token-uri", TestTokens::tokenUri);
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
    class TokenRelay {

        @ParameterizedTest(name = "{0} gets a token carrying role {1}")
        @CsvSource({"practitioner, PRACTITIONER", "victim-officer, VICTIM_OFFICER", "panel-chair, PANEL_CHAIR",
                "analyst, ANALYST", "qa-lead, QA_LEAD", "admin, ADMIN"})
        void eachDemoUserGetsTheAuthServersTokenWithTheirRole(String username, String role) {
            Map<String, Object> response = client.post().uri("/auth/token")
                    .body(BodyInserters.fromFormData("username", username).with("password", username))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody(JSON_OBJECT)
                    .returnResult().getResponseBody();
            assertThat(response).containsEntry("token_type", "Bearer").containsKey("expires_in");

            Jwt jwt = decoder.decode((String) response.get("access_token")).block();
            assertThat(jwt).isNotNull();
            assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
            assertThat(jwt.getSubject()).isEqualTo(username);
            assertThat(jwt.getClaimAsString("iss")).isEqualTo(TestTokens.ISSUER);
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
        @CsvSource({"practitioner, wrong", "nobody, nobody", "admin, ''", "'admin:admin', admin"})
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
        void theGatewayNoLongerPublishesKeysOfItsOwn() {
            client.get().uri("/oauth2/jwks").exchange().expectStatus().isUnauthorized();
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
            String forged = TestTokens.forgedToken("mallory", "ADMIN");

            client.get().uri("/api/kpi/first-time-entrants")
                    .headers(headers -> headers.setBearerAuth(forged))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/info", "/actuator/prometheus"})
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
                panel-chair  | GET    | /api/reference/ethnicities      | 200
                practitioner | POST   | /api/reference/ethnicities      | 403
                panel-chair  | POST   | /api/panels                     | 200
                practitioner | POST   | /api/panels                     | 403
                analyst      | GET    | /api/kpi/first-time-entrants    | 200
                admin        | GET    | /api/kpi/first-time-entrants    | 200
                practitioner | GET    | /api/kpi/first-time-entrants    | 403
                analyst      | POST   | /api/kpi/first-time-entrants    | 403
                analyst      | POST   | /api/kpi/rebuild                | 403
                analyst      | GET    | /api/kpi/rebuild                | 403
                admin        | POST   | /api/kpi/rebuild                | 200
                panel-chair  | GET    | /api/referrals                  | 200
                panel-chair  | GET    | /api/timeliness                 | 200
                panel-chair  | POST   | /api/scrutiny/samples/d1/finding | 200
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
                victim-officer | GET  | /api/cases/c-1/victims          | 200
                practitioner | GET    | /api/cases/c-1/victims          | 403
                victim-officer | GET  | /api/cases/c-1                  | 403
                victim-officer | POST | /api/cases/c-1/offences/o-1/victim-contacts | 200
                qa-lead      | POST   | /api/cases/c-1/assessments/a-1/quality-assurance | 200
                qa-lead      | POST   | /api/cases/c-1/offences         | 403
                qa-lead      | POST   | /api/scrutiny/samples/d1/finding | 200
                qa-lead      | POST   | /api/panels                     | 403
                """)
        void eachRoleReachesOnlyItsOwnRoutes(String username, HttpMethod method, String path, int status) {
            call(username, method, path).expectStatus().isEqualTo(status);
        }

        @Test
        void anEncodedLetterDoesNotSlipPastTheNarrowerRule(@LocalServerPort int port) {
            // Sent exactly as written: the rule is matched against the decoded path, as the service routes it.
            DefaultUriBuilderFactory raw = new DefaultUriBuilderFactory("http://localhost:" + port);
            raw.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.NONE);
            client.mutate().uriBuilderFactory(raw).build()
                    .get().uri("/api/cases/c-1/vict%69ms")
                    .headers(headers -> headers.setBearerAuth(tokenFor("practitioner")))
                    .exchange()
                    .expectStatus().isForbidden();
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
                panel-chair  | POST | /api/panels                | /panels
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
        void theServicesGetTheCallersTokenToCheckThemselvesAndNoIdentityHeaders() {
            String token = tokenFor("panel-chair");
            client.post().uri("/api/panels")
                    .headers(headers -> {
                        headers.setBearerAuth(token);
                        headers.set("X-Authenticated-User", "mallory");
                        headers.set("X-Authenticated-Roles", "admin");
                    })
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.headers['authorization']").isEqualTo("Bearer " + token)
                    .jsonPath("$.headers['x-authenticated-user']").doesNotExist()
                    .jsonPath("$.headers['x-authenticated-roles']").doesNotExist();
        }
    }

    @Nested
    class IdentityHeadersInAnyCase {

        @Test
        void lowerCaseIdentityHeadersAreRemovedToo() {
            client.get().uri("/api/kpi/first-time-entrants")
                    .headers(headers -> {
                        headers.setBearerAuth(tokenFor("analyst"));
                        headers.set("x-authenticated-user", "mallory");
                        headers.set("x-authenticated-roles", "admin");
                    })
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.headers['x-authenticated-user']").doesNotExist()
                    .jsonPath("$.headers['x-authenticated-roles']").doesNotExist()
                    .jsonPath("$.headers['x-correlation-id']").exists();
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
