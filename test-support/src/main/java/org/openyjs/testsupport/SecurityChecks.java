package org.openyjs.testsupport;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.openyjs.access.AccessPolicy;
import org.openyjs.access.AccessRule;
import org.openyjs.access.AccessRule.Who;
import org.openyjs.access.Role;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security checks every service runs against itself (in the style of the HMPPS templates): every
 * endpoint it serves has a rule in the role matrix and is public only if meant to be; each role is refused
 * with 403 what the matrix does not give it; and the OpenAPI document is valid and asks for a bearer
 * token on every operation.
 */
public final class SecurityChecks {

    /** Spring Boot's and springdoc's own endpoints, answered by the framework rather than the service. */
    private static final Set<String> FRAMEWORK = Set.of("/error", "/v3/api-docs", "/v3/api-docs/{group}",
            "/v3/api-docs/swagger-config",
            "/v3/api-docs.yaml", "/v3/api-docs.yaml/{group}", "/swagger-ui.html", "/swagger-ui/index.html");

    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private SecurityChecks() {
    }

    /** One method on one path template, e.g. {@code POST /cases/{childId}/offences}. */
    public record Endpoint(String method, String pattern) {

        /** A concrete path for the template: each {@code {variable}} becomes one segment. */
        public String path() {
            return pattern.replaceAll("\\{[^/]+}", "x1");
        }

        public AccessRule rule() {
            return AccessPolicy.service().ruleFor(method, path());
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Every endpoint the service's controllers map, framework endpoints left out. */
    public static List<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
            List<String> methods = declared.isEmpty() ? ALL_METHODS : declared.stream().map(Enum::name).toList();
            for (String pattern : info.getPatternValues()) {
                if (!FRAMEWORK.contains(pattern)) {
                    methods.forEach(method -> endpoints.add(new Endpoint(method, pattern)));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        assertThat(endpoints).as("the service's endpoints").isNotEmpty();
        return endpoints;
    }

    /**
     * Fails for an endpoint no rule names (it could never be called: a rule is missing), and for one open
     * to anyone or to any signed-in user unless the test lists it as meant to be.
     */
    public static void assertEveryEndpointHasARoleRule(List<Endpoint> endpoints, Set<String> meantForAnySignedInUser) {
        Set<String> problems = new TreeSet<>();
        for (Endpoint endpoint : endpoints) {
            AccessRule rule = endpoint.rule();
            if (rule.who() == Who.NOBODY) {
                problems.add(endpoint + ": no rule in AccessPolicy names it");
            } else if (rule.who() == Who.ANYONE) {
                problems.add(endpoint + ": open to anyone (" + rule + ")");
            } else if (rule.who() == Who.SIGNED_IN && !meantForAnySignedInUser.contains(endpoint.toString())) {
                problems.add(endpoint + ": open to any signed-in user (" + rule + ") but not listed as meant to be");
            }
        }
        assertThat(problems).as("endpoints without a role check").isEmpty();
    }

    /**
     * Calls every endpoint this role may not use, with a real token for the role, and expects 403 from
     * each; returns how many were tried. The refusal comes before any handler, so the body is a dummy.
     */
    public static int assertRefusedWhatTheRoleMayNotDo(TestRestTemplate http, List<Endpoint> endpoints, Role role) {
        Set<String> answered = new TreeSet<>();
        int tried = 0;
        for (Endpoint endpoint : endpoints) {
            if (endpoint.rule().allows(true, Set.of(role))) {
                continue;
            }
            tried++;
            HttpHeaders headers = TestTokens.bearer(role.name().toLowerCase() + ".user", role.name());
            int status = call(http, endpoint, headers);
            if (status != 403) {
                answered.add(endpoint + " answered " + status);
            }
        }
        assertThat(answered).as("what " + role + " must not do, but was not refused with 403").isEmpty();
        return tried;
    }

    /** Without a token every endpoint is 401, and with a token signed by a stranger's key too. */
    public static void assertEveryEndpointNeedsAValidToken(TestRestTemplate http, List<Endpoint> endpoints) {
        Set<String> answered = new TreeSet<>();
        HttpHeaders forged = new HttpHeaders();
        forged.setBearerAuth(TestTokens.forgedToken("mallory", Role.ADMIN.name()));
        for (Endpoint endpoint : endpoints) {
            int anonymous = call(http, endpoint, new HttpHeaders());
            int stranger = call(http, endpoint, forged);
            if (anonymous != 401 || stranger != 401) {
                answered.add(endpoint + " answered " + anonymous + " without a token, " + stranger + " with a forged one");
            }
        }
        assertThat(answered).as("endpoints reachable without a valid token").isEmpty();
    }

    /** Parses the document with swagger-parser and checks the bearer scheme is declared and required everywhere. */
    public static void assertOpenApiIsValidAndAsksForABearerToken(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(result.getMessages()).as("swagger-parser's complaints").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getPaths()).as("documented paths").isNotEmpty();
        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearer");
        assertThat(bearer).as("the bearer security scheme").isNotNull();
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        Set<String> unsecured = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean asks = operation.getSecurity() != null
                    && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey("bearer"));
            if (!asks) {
                unsecured.add(method + " " + path);
            }
        }));
        assertThat(unsecured).as("operations that do not declare the bearer scheme").isEmpty();
    }

    private static int call(TestRestTemplate http, Endpoint endpoint, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = endpoint.method().equals("GET") || endpoint.method().equals("DELETE") ? null : "{}";
        return http.exchange(endpoint.path(), HttpMethod.valueOf(endpoint.method()), new HttpEntity<>(body, headers),
                String.class).getStatusCode().value();
    }
}
