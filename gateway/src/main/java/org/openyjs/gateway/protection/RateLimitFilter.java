package org.openyjs.gateway.protection;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user: a burst is allowed, then the sustained rate; past it the caller gets 429
 * with Retry-After. Runs after authentication, so it is keyed by the token's subject (the client
 * address for the few open paths, which is what slows password guessing at the token endpoint).
 *
 * <p>Buckets live in this replica's memory: with N replicas a user gets up to N times the rate,
 * which is acceptable for protecting the services from one runaway client.
 */
public class RateLimitFilter implements WebFilter, Ordered {

    private static final int MAX_TRACKED_CALLERS = 50_000;

    private final double perSecond;
    private final int burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ProblemWriter problems;

    public RateLimitFilter(ProtectionProperties properties, Clock clock, ProblemWriter problems) {
        this.perSecond = properties.requestsPerSecond();
        this.burst = properties.burst();
        this.clock = clock;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(name -> "user:" + name)
                .defaultIfEmpty("address:" + address(exchange))
                .flatMap(caller -> {
                    long waitMillis = take(caller);
                    if (waitMillis == 0) {
                        return chain.filter(exchange);
                    }
                    long seconds = Math.max(1, (waitMillis + 999) / 1000);
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                            "More than " + perSecond + " requests per second; try again in " + seconds + " s.");
                });
    }

    /** 0 when the request may go ahead, otherwise how long until it could. */
    long take(String caller) {
        if (buckets.size() > MAX_TRACKED_CALLERS) {
            long now = clock.millis();
            buckets.values().removeIf(bucket -> bucket.isFullAt(now));
        }
        return buckets.computeIfAbsent(caller, key -> new Bucket(burst, clock.millis())).take(clock.millis());
    }

    private static String address(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(InetSocketAddress::getAddress)
                .map(Object::toString)
                .orElse("unknown");
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1000);
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * perSecond / 1000.0);
            updatedAt = now;
        }
    }

    // After Spring Security's filter chain (order -100), so the caller is known.
    @Override
    public int getOrder() {
        return 0;
    }
}
