package org.openyjs.gateway.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Flux;

import java.time.Instant;

/**
 * A stateless bearer-token API: every request carries its JWT, so there are no sessions and no
 * CSRF tokens (no cookie for a forged request to ride on). CORS stays off until a cross-origin
 * browser client exists.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Each token's signature is checked once, then remembered until the token expires. */
    @Bean
    static BeanPostProcessor verifiedTokenCache(@Value("${yjs.gateway.verified-tokens-kept:1024}") int capacity) {
        return CachingReactiveJwtDecoder.wrapping(capacity);
    }

    /**
     * No observation around each filter of the chain, nor each authentication and authorisation, on every
     * request: the gateway's own request metrics time the request as a whole.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall with its own rules, checked faster for plain ASCII headers. */
    @Bean
    static ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters.NAMES);
        firewall.setAllowedHeaderValues(HeaderCharacters.VALUES);
        return firewall;
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ObjectMapper objectMapper,
                                                  @Value("${yjs.gateway.verified-tokens-kept:1024}") int capacity) {
        SecurityProblems problems = new SecurityProblems(objectMapper);
        return http
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(new AccessRules()))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(
                                new RememberedAuthentications(rolesClaimConverter(), capacity, Instant::now)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build();
    }

    private static ReactiveJwtAuthenticationConverter rolesClaimConverter() {
        ReactiveJwtAuthenticationConverter converter = new ReactiveJwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> Flux.fromIterable(JwtRoles.authorities(jwt)));
        return converter;
    }
}
