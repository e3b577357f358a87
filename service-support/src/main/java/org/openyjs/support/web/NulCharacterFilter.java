package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Refuses a query parameter holding a NUL character with 400 naming it. PostgreSQL cannot store or
 * compare text with NUL in it, so such a value would otherwise fail deep in a query as a 500 (found by
 * the fuzzing run in deploy/local).
 */
public class NulCharacterFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    public NulCharacterFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            boolean nul = parameter.getKey().indexOf('\0') >= 0;
            for (String value : parameter.getValue()) {
                nul |= value != null && value.indexOf('\0') >= 0;
            }
            if (nul) {
                String field = parameter.getKey().replace("\0", "\\0");
                Problems.write(response, json,
                        Problems.field(HttpStatus.BAD_REQUEST, field, "must not contain a NUL character"));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
