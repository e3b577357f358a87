package org.openyjs.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is making the current request: the subject and roles of the JWT this service validated itself
 * (ADR 0009), never a header a caller could set.
 */
public final class RequestUser {

    /** No longer read: the gateway strips any inbound copy, the services ignore it. */
    @Deprecated(forRemoval = true)
    public static final String USER_HEADER = "X-Authenticated-User";
    /** No longer read: the gateway strips any inbound copy, the services ignore it. */
    @Deprecated(forRemoval = true)
    public static final String ROLES_HEADER = "X-Authenticated-Roles";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private RequestUser() {
    }

    /** The token's subject (the user name); empty without a validated token. */
    public static Optional<String> name() {
        return token().map(JwtAuthenticationToken::getName).filter(name -> !name.isBlank());
    }

    /** The caller's roles without any {@code ROLE_} prefix, e.g. {@code VICTIM_OFFICER}; empty without a token. */
    public static Set<String> roles() {
        return token()
                .map(token -> token.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(authority -> authority.startsWith("ROLE_"))
                        .map(authority -> authority.substring(5))
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    public static boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** The correlation id of the request, or of the Kafka record being handled; empty outside both. */
    public static Optional<String> correlationId() {
        return Optional.ofNullable(MDC.get(CorrelationIdFilter.MDC_KEY)).or(() -> header(CORRELATION_HEADER));
    }

    private static Optional<JwtAuthenticationToken> token() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                && token.isAuthenticated() ? Optional.of(token) : Optional.empty();
    }

    private static Optional<String> header(String name) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return Optional.ofNullable(request.getHeader(name)).filter(v -> !v.isBlank());
        }
        return Optional.empty();
    }
}
