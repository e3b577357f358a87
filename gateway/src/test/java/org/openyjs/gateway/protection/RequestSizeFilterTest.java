package org.openyjs.gateway.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSizeFilterTest {

    private final RequestSizeFilter filter = new RequestSizeFilter(new ProtectionProperties(50, 100,
            DataSize.ofBytes(1024), DataSize.ofBytes(8192), List.of("/api/cases/imports"), DataSize.ofBytes(64),
            List.of("/auth/token")), new ProblemWriter(new ObjectMapper()));

    @Test
    void a_streamed_body_is_cut_off_with_413_as_it_passes_the_limit() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/cases")
                .body(chunks(8, 512)));

        filter.filter(exchange, e -> DataBufferUtils.join(e.getRequest().getBody()).doOnNext(DataBufferUtils::release).then())
                .block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(413);
    }

    @Test
    void the_import_may_stream_more() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/cases/imports")
                .body(chunks(8, 512)));
        AtomicBoolean read = new AtomicBoolean();

        filter.filter(exchange, e -> DataBufferUtils.join(e.getRequest().getBody())
                        .doOnNext(buffer -> {
                            read.set(buffer.readableByteCount() == 4096);
                            DataBufferUtils.release(buffer);
                        }).then())
                .block();

        assertThat(read).isTrue();
        assertThat(exchange.getResponse().getStatusCode()).isNull();
    }

    @Test
    void the_sign_in_form_has_the_smallest_limit() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/auth/token")
                .contentLength(65).body("x".repeat(65)));

        filter.filter(exchange, e -> Mono.empty()).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(413);
    }

    private static Flux<DataBuffer> chunks(int count, int size) {
        return Flux.range(0, count).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[size]));
    }
}
