package org.openyjs.support.web;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdFilterTest {

    private final CorrelationIdFilter filter = new CorrelationIdFilter();

    @Test
    void the_gateways_correlation_id_is_in_the_logging_context_while_the_request_is_served_and_echoed() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cases");
        request.addHeader(RequestUser.CORRELATION_HEADER, "req-123");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> seen = new AtomicReference<>();

        filter.doFilter(request, response, (FilterChain) (req, res) -> seen.set(MDC.get(CorrelationIdFilter.MDC_KEY)));

        assertThat(seen).hasValue("req-123");
        assertThat(response.getHeader(RequestUser.CORRELATION_HEADER)).isEqualTo("req-123");
        assertThat(MDC.get(CorrelationIdFilter.MDC_KEY)).as("cleared after the request").isNull();
    }

    @Test
    void a_request_without_one_or_with_a_hostile_one_gets_a_fresh_id() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cases/c1");
        request.addHeader(RequestUser.CORRELATION_HEADER, "x\r\nSet-Cookie: evil");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> seen = new AtomicReference<>();

        filter.doFilter(request, response, (FilterChain) (req, res) -> seen.set(RequestUser.correlationId().orElse(null)));

        assertThat(seen.get()).matches("[0-9a-f-]{36}");
        assertThat(response.getHeader(RequestUser.CORRELATION_HEADER)).isEqualTo(seen.get());
    }
}
