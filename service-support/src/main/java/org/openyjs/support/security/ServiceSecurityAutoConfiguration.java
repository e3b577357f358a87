package org.openyjs.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.openyjs.access.AccessPolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.context.annotation.Import;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every service is an OAuth 2 resource server: it checks the caller's JWT itself (issuer and JWKS from
 * {@code yjs-service-defaults.yml}) and applies the platform's role matrix ({@link AccessPolicy#service()})
 * to its own paths, so a request that bypasses the gateway is refused just the same. Stateless: no
 * sessions, no cookies, so no CSRF tokens either.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@Import(OpenApiSecurity.class)
public class ServiceSecurityAutoConfiguration {

    /** Each token's signature is checked once, then remembered until the token expires. */
    @Bean
    public static BeanPostProcessor verifiedTokenCache(
            @Value("${yjs.security.verified-tokens-kept:1024}") int capacity) {
        return CachingJwtDecoder.wrapping(capacity);
    }

    /**
     * Spring Security would otherwise wrap each filter of its chain, and each authentication and
     * authorisation, in an observation on every request (a tenth of a command's CPU here); the request
     * as a whole is already timed by http.server.requests.
     */
    @Bean
    public static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    private static final String HANDLER_LOOKUP_WRAPPER =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";

    /**
     * Spring Security wraps its filter chain in one that looks up every request's Spring MVC handler first
     * (HandlerMappingIntrospector's cache filter), for MVC path matchers and CORS; the dispatcher then looks it
     * up again. These chains match no MVC paths and have no CORS: the first look-up was a twentieth of a
     * command's CPU in case-service, for nothing. Unwrapped here, back to the chain it wrapped; left as
     * it is should Spring Security build the wrapper differently. Add MVC request matchers or CORS to a
     * service's chain and this must go.
     */
    @Bean
    public static BeanFactoryPostProcessor noHandlerLookupBeforeSecurity() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry)
                    || !registry.containsBeanDefinition("springSecurityFilterChain")) {
                return;
            }
            BeanDefinition chain = registry.getBeanDefinition("springSecurityFilterChain");
            if (!HANDLER_LOOKUP_WRAPPER.equals(chain.getBeanClassName())) {
                return;
            }
            ConstructorArgumentValues.ValueHolder filters =
                    chain.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
            if (filters != null && filters.getValue() instanceof List<?> list && list.size() == 2
                    && list.get(1) instanceof BeanDefinition original) {
                registry.removeBeanDefinition("springSecurityFilterChain");
                registry.registerBeanDefinition("springSecurityFilterChain", original);
            }
        };
    }

    /** Spring Security's firewall refusals answer with the same problem body as every other 4xx. */
    @Bean
    public RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    public SecurityFilterChain serviceSecurityFilterChain(HttpSecurity http, ObjectMapper json) throws Exception {
        SecurityProblems problems = new SecurityProblems(json);
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(JwtRoles::authorities);
        return http
                .authorizeHttpRequests(requests -> requests
                        // Error pages and forwards (Swagger UI) were authorised on the way in.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD, DispatcherType.ASYNC)
                        .permitAll()
                        .anyRequest().access(matrix(AccessPolicy.service())))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    /** Decides every request by the first matching rule of the matrix; what no rule names is denied. */
    static AuthorizationManager<RequestAuthorizationContext> matrix(AccessPolicy policy) {
        return (authentication, context) -> {
            Authentication caller = authentication.get();
            boolean signedIn = caller instanceof JwtAuthenticationToken && caller.isAuthenticated();
            List<String> roles = signedIn
                    ? caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList()
                    : List.of();
            HttpServletRequest request = context.getRequest();
            return new AuthorizationDecision(policy.allows(request.getMethod(), path(request), signedIn, roles));
        };
    }

    /**
     * The path as Spring MVC will route it: decoded, without the context path. Matching the raw path would
     * let {@code /cases/1/vict%69ms} slip past the victim rule. The firewall has already refused encoded
     * slashes, dots and percent signs, so decoding cannot change how the path splits into segments.
     */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI().substring(request.getContextPath().length());
        return UriUtils.decode(uri, StandardCharsets.UTF_8);
    }
}
