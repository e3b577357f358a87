package org.openyjs.gateway.protection;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A body the gateway itself reads (the sign-in form) past the codec's in-memory limit is the caller's
 * fault: 413, not the 500 the default handler would give.
 */
public class BodyLimitExceptionHandler implements WebExceptionHandler, Ordered {

    private final ProblemWriter problems;

    public BodyLimitExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        boolean tooLarge = ex instanceof DataBufferLimitException || ex.getCause() instanceof DataBufferLimitException;
        if (!tooLarge || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        exchange.getResponse().getHeaders().setConnection("close");
        return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "Request too large",
                "The request body is larger than this endpoint accepts.");
    }

    // Before Spring Boot's error handler (-1), which would answer 500.
    @Override
    public int getOrder() {
        return -2;
    }
}
