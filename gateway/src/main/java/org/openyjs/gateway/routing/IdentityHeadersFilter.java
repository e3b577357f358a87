package org.openyjs.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Removes any identity headers a caller sent. The services no longer read them (they check the bearer
 * token themselves, ADR 0009), but nothing behind the gateway should ever see a claim the caller made up.
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
        return chain.filter(stripped);
    }

    // First, so no later filter ever sees the caller's copy of the identity headers.
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
