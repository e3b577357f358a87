package org.openyjs.gateway.protection;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses an oversized body with 413 before it reaches a service: a declared length is checked at
 * once; a streamed (chunked) body is cut off as it passes the limit.
 */
public class RequestSizeFilter implements WebFilter, Ordered {

    /** Oversized bodies up to this are read and dropped before the 413; larger ones get it at once, connection closed. */
    private static final long DRAIN_AT_MOST = 256L * 1024;

    private final ProtectionProperties properties;
    private final ProblemWriter problems;

    public RequestSizeFilter(ProtectionProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        long limit = properties.smallRequestPaths().stream().anyMatch(path::startsWith)
                ? properties.maxSmallRequestSize().toBytes()
                : properties.largeRequestPaths().stream().anyMatch(path::startsWith)
                ? properties.maxLargeRequestSize().toBytes()
                : properties.maxRequestSize().toBytes();
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            if (declared <= DRAIN_AT_MOST) {
                // Read and drop a modest body first: a client still sending when the answer comes would see a
                // reset connection, not the 413.
                return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release)
                        .then(Mono.defer(() -> problem(exchange, limit)));
            }
            return tooLarge(exchange, limit);
        }
        if (declared >= 0) {
            // A declared length within the limit bounds the body: HTTP/1.1 reads exactly that many bytes as this
            // request's body. Only a streamed body needs counting.
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new BodyTooLarge());
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(BodyTooLarge.class, e -> exchange.getResponse().isCommitted()
                        ? Mono.error(e)
                        : tooLarge(exchange, limit));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        // The unread rest of the body is still on the wire: this connection cannot carry another request.
        exchange.getResponse().getHeaders().setConnection("close");
        return problem(exchange, limit);
    }

    private Mono<Void> problem(ServerWebExchange exchange, long limit) {
        return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "Request too large",
                "The request body is larger than this endpoint accepts (" + limit + " bytes).");
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("request body over the limit", null, false, false);
        }
    }

    // Before security: an oversized body is refused without spending a token check on it.
    @Override
    public int getOrder() {
        return -200;
    }
}
