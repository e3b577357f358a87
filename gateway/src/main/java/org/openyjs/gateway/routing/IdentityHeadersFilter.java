package org.openyjs.gateway.routing;

import org.openyjs.gateway.access.JwtRoles;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services who is calling. They trust these headers instead of re-checking the token,
 * so any copy the caller sent is removed and only the verified token's values go through.
 */
@Component
class IdentityHeadersFilter implements GlobalFilter, Ordered {

    static final String USER_HEADER = "X-Authenticated-User";
    static final String ROLES_HEADER = "X-Authenticated-Roles";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerWebExchange stripped = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove(USER_HEADER);
                    headers.remove(ROLES_HEADER);
                }))
                .build();
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(token -> withIdentity(stripped, token))
                .defaultIfEmpty(stripped)
                .flatMap(chain::filter);
    }

    private static ServerWebExchange withIdentity(ServerWebExchange exchange, JwtAuthenticationToken token) {
        return exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.set(USER_HEADER, token.getToken().getSubject());
                    headers.set(ROLES_HEADER, String.join(",", JwtRoles.of(token.getToken())));
                }))
                .build();
    }

    // First, so no later filter ever sees the caller's copy of the identity headers.
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
