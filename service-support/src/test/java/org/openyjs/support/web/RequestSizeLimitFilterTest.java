package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(DataSize.ofBytes(100), DataSize.ofBytes(1000),
            List.of("/cases/imports"), new ObjectMapper());

    @Test
    void a_declared_body_over_the_limit_is_refused_with_413_before_the_handler_runs() throws Exception {
        MockHttpServletRequest request = post("/cases", 101);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean handled = new AtomicBoolean();

        filter.doFilter(request, response, (FilterChain) (req, res) -> handled.set(true));

        assertThat(handled).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":413");
    }

    @Test
    void the_import_path_has_the_larger_limit() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean handled = new AtomicBoolean();

        filter.doFilter(post("/cases/imports", 900), response, (FilterChain) (req, res) -> handled.set(true));

        assertThat(handled).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void an_undeclared_body_is_cut_off_when_it_passes_the_limit() throws Exception {
        MockHttpServletRequest request = post("/cases", 500);
        request.removeHeader("Content-Length");
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/cases") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(new byte[500]);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(chunked, response, (FilterChain) (req, res) -> {
            try {
                req.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(response.getStatus()).isEqualTo(413);
    }

    private static MockHttpServletRequest post(String path, int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[bytes]);
        return request;
    }
}
