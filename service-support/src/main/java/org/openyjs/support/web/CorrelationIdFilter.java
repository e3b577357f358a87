package org.openyjs.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openyjs.access.RandomUuids;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Puts the request's correlation id (set by the gateway, or made here for a direct call) into the
 * logging context, so every log line of the request carries it, and echoes it in the response.
 * Axon commands pick it up from there too (see {@code AxonSupportAutoConfiguration}).
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    /** The logging-context key; JSON logs show it as a top-level field. */
    public static final String MDC_KEY = "correlationId";

    // Only ids that cannot smuggle anything into a log line or a header.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String inbound = request.getHeader(RequestUser.CORRELATION_HEADER);
        String correlationId = inbound != null && SANE.matcher(inbound).matches() ? inbound : RandomUuids.next();
        MDC.put(MDC_KEY, correlationId);
        response.setHeader(RequestUser.CORRELATION_HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }
}
