package org.openyjs.cases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openyjs.access.Role;
import org.openyjs.testsupport.SecurityChecks;
import org.openyjs.testsupport.SecurityChecks.Endpoint;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service checks every caller itself (ADR 0009): each endpoint it maps has a rule in the role matrix,
 * each role is refused what the matrix does not give it, with a real signed token, and the API document is
 * valid and asks for a bearer token everywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityIT {

    /** Endpoints meant for any signed-in user, whatever the role: each one a decision, so listed here. */
    private static final Set<String> FOR_ANY_SIGNED_IN_USER = Set.of("GET /reference/ethnicities", "GET /reference/offence-categories", "GET /reference/order-types", "GET /reference/outcomes");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "case_security");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    List<Endpoint> endpoints;

    @BeforeEach
    void enumerate() {
        endpoints = SecurityChecks.endpoints(mapping);
    }

    @Test
    void everyEndpointHasARoleRuleAndNoneIsPublicByAccident() {
        SecurityChecks.assertEveryEndpointHasARoleRule(endpoints, FOR_ANY_SIGNED_IN_USER);
    }

    @Test
    void everyEndpointNeedsAValidToken() {
        SecurityChecks.assertEveryEndpointNeedsAValidToken(http, endpoints);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void whatARoleMustNotDoIsRefusedWith403(Role role) {
        SecurityChecks.assertRefusedWhatTheRoleMayNotDo(http, endpoints, role);
    }

    @Test
    void theApiDocumentIsValidAndAsksForABearerTokenOnEveryOperation() {
        String document = http.getForObject("/v3/api-docs", String.class);
        SecurityChecks.assertOpenApiIsValidAndAsksForABearerToken(document);
    }

    @Test
    void probesMetricsAndTheApiDocumentNeedNoToken() {
        // (Prometheus is open by the same rule; tests switch its export off, so it is not asked for here.)
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/info",
                "/v3/api-docs")) {
            assertThat(http.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        }
        assertThat(http.getForEntity("/actuator/env", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
