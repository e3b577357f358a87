package org.openyjs.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is making the current request, as the gateway vouches for it. The gateway removes any
 * inbound copy of these headers and sets them from the verified token.
 */
public final class RequestUser {

    public static final String USER_HEADER = "X-Authenticated-User";
    public static final String ROLES_HEADER = "X-Authenticated-Roles";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private RequestUser() {
    }

    public static Optional<String> name() {
        return header(USER_HEADER);
    }

    /** The caller's roles without any {@code ROLE_} prefix, e.g. {@code VICTIM_OFFICER}; empty outside a request. */
    public static Set<String> roles() {
        return header(ROLES_HEADER)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(role -> !role.isEmpty())
                        .map(role -> role.startsWith("ROLE_") ? role.substring(5) : role)
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

    private static Optional<String> header(String name) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return Optional.ofNullable(request.getHeader(name)).filter(v -> !v.isBlank());
        }
        return Optional.empty();
    }
}
