package org.openyjs.gateway.routing;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Correlation-Id}, passes it downstream and echoes it back, so one
 * id ties the caller's report to every service log line. Runs ahead of security so 401 and 403
 * answers carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter implements WebFilter {

    static final String HEADER = "X-Correlation-Id";

    // A caller's id is kept only if it is short and plain, so it cannot inject into logs or headers.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String inbound = exchange.getRequest().getHeaders().getFirst(HEADER);
        String correlationId = inbound != null && SANE.matcher(inbound).matches()
                ? inbound
                : UUID.randomUUID().toString();
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, correlationId)))
                .build();
        // Set just before commit: a proxied response's headers are copied in after this filter runs.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, correlationId);
            return Mono.empty();
        });
        return chain.filter(withId);
    }
}
