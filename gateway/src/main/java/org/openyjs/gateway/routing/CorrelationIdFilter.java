package org.openyjs.gateway.routing;

import org.openyjs.access.RandomUuids;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

/**
 * Gives every request an {@code X-Correlation-Id}, passes it downstream and echoes it back, so one
 * id ties the caller's report to every service log line. Runs ahead of security so 401 and 403
 * answers carry it too. It reaches the service with the headers the gateway forwards (as their filter),
 * so the request itself is not rebuilt for it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter implements WebFilter, HttpHeadersFilter {

    static final String HEADER = "X-Correlation-Id";
    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName();

    // A caller's id is kept only if it is short and plain, so it cannot inject into logs or headers.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String inbound = exchange.getRequest().getHeaders().getFirst(HEADER);
        String correlationId = inbound != null && SANE.matcher(inbound).matches() ? inbound : RandomUuids.next();
        exchange.getAttributes().put(ATTRIBUTE, correlationId);
        // Set just before commit: a proxied response's headers are copied in after this filter runs.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, correlationId);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** The headers a proxied request takes to the service: the caller's, with this request's id. */
    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String correlationId = exchange.getAttribute(ATTRIBUTE);
        if (correlationId == null || correlationId.equals(input.getFirst(HEADER))) {
            return input;
        }
        HttpHeaders forwarded = new HttpHeaders();
        forwarded.putAll(input);
        forwarded.set(HEADER, correlationId);
        return forwarded;
    }
}
