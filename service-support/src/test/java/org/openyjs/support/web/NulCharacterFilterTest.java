package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class NulCharacterFilterTest {

    private final NulCharacterFilter filter = new NulCharacterFilter(new ObjectMapper());

    @Test
    void a_nul_in_a_query_parameter_is_a_400_naming_it_and_never_reaches_the_handler() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/kpi/custody/breakdown");
        request.addParameter("by", "ethnicity");
        request.addParameter("service", "\0");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean handled = new AtomicBoolean();

        filter.doFilter(request, response, (FilterChain) (req, res) -> handled.set(true));

        assertThat(handled).isFalse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"field\":\"service\"");
    }

    @Test
    void ordinary_parameters_pass() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/kpi/custody");
        request.addParameter("service", "leicester-city");
        AtomicBoolean handled = new AtomicBoolean();

        filter.doFilter(request, new MockHttpServletResponse(), (FilterChain) (req, res) -> handled.set(true));

        assertThat(handled).isTrue();
    }
}
