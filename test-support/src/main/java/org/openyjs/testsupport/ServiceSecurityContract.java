package org.openyjs.testsupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openyjs.access.Role;
import org.openyjs.testsupport.SecurityChecks.Endpoint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's {@code SecurityIT} checks (ADR 0009): each endpoint it maps has a rule in the role
 * matrix, each role is refused what the matrix does not give it, with a real signed token, and the API
 * document is valid and asks for a bearer token everywhere. A service's test extends this with its own
 * {@code @SpringBootTest} context and names the endpoints it opens to any signed-in user.
 */
public abstract class ServiceSecurityContract {

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    protected RequestMappingHandlerMapping mapping;

    private List<Endpoint> endpoints;

    /** Endpoints meant for any signed-in user, whatever the role ("GET /reference/outcomes"): each one a decision. */
    protected abstract Set<String> forAnySignedInUser();

    @BeforeEach
    void enumerate() {
        endpoints = SecurityChecks.endpoints(mapping);
    }

    @Test
    void everyEndpointHasARoleRuleAndNoneIsPublicByAccident() {
        SecurityChecks.assertEveryEndpointHasARoleRule(endpoints, forAnySignedInUser());
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
