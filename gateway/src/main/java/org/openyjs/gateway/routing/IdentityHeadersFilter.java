package org.openyjs.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes any identity headers a caller sent. The services no longer read them (they check the bearer
 * token themselves, ADR 0009), but nothing behind the gateway should ever see a claim the caller made up.
 * Removed from the headers the gateway forwards (as their filter), so the request itself is not rebuilt.
 */
@Component
class IdentityHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String USER_HEADER = "X-Authenticated-User";
    static final String ROLES_HEADER = "X-Authenticated-Roles";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (!input.containsKey(USER_HEADER) && !input.containsKey(ROLES_HEADER)) {
            return input;
        }
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.putAll(input);
        forwarded.remove(USER_HEADER);
        forwarded.remove(ROLES_HEADER);
        return forwarded;
    }

    // Last, so no header filter before it can add them back.
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
