package org.openyjs.testsupport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

import java.util.Arrays;

/**
 * In a test context that called {@link TestTokens#register}: every request the test's
 * {@code TestRestTemplate} sends without an {@code Authorization} header gets a real signed token, for
 * the user and roles its {@code X-Authenticated-User}/{@code X-Authenticated-Roles} headers name (those
 * headers are then removed: the service never sees them), or else for the default caller
 * ({@link TestTokens#defaultCaller}). A request that names nobody goes without a token.
 */
@AutoConfiguration
@ConditionalOnClass(RestTemplateCustomizer.class)
@ConditionalOnProperty(TestTokensAutoConfiguration.ENABLED)
public class TestTokensAutoConfiguration {

    static final String ENABLED = "yjs.test.tokens.enabled";
    static final String DEFAULT_USER = "yjs.test.tokens.default-user";
    static final String DEFAULT_ROLES = "yjs.test.tokens.default-roles";
    static final String USER_HEADER = "X-Authenticated-User";
    static final String ROLES_HEADER = "X-Authenticated-Roles";

    @Bean
    RestTemplateCustomizer testTokens(Environment environment) {
        String defaultUser = environment.getProperty(DEFAULT_USER);
        String[] defaultRoles = environment.getProperty(DEFAULT_ROLES, "").split(",");
        ClientHttpRequestInterceptor interceptor = (request, body, execution) -> {
            HttpHeaders headers = request.getHeaders();
            String user = headers.getFirst(USER_HEADER);
            String roles = headers.getFirst(ROLES_HEADER);
            headers.remove(USER_HEADER);
            headers.remove(ROLES_HEADER);
            if (!headers.containsKey(HttpHeaders.AUTHORIZATION)) {
                if (user != null) {
                    headers.setBearerAuth(TestTokens.token(user, roles == null ? defaultRoles : split(roles)));
                } else if (defaultUser != null) {
                    headers.setBearerAuth(TestTokens.token(defaultUser, defaultRoles));
                }
            }
            return execution.execute(request, body);
        };
        return restTemplate -> restTemplate.getInterceptors().add(interceptor);
    }

    private static String[] split(String roles) {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toArray(String[]::new);
    }
}
