package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Refuses a request body over the limit with 413 before any of it is parsed: a declared length is
 * checked up front, and a chunked body is cut off when it passes the limit. Imports of historical
 * records may be larger ({@code yjs.web.large-request-paths}).
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long maxLargeBytes;
    private final List<String> largeRequestPaths;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(DataSize max, DataSize maxLarge, List<String> largeRequestPaths, ObjectMapper json) {
        this.maxBytes = max.toBytes();
        this.maxLargeBytes = maxLarge.toBytes();
        this.largeRequestPaths = List.copyOf(largeRequestPaths);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = largeRequestPaths.stream().anyMatch(path::startsWith) ? maxLargeBytes : maxBytes;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response, limit);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | RuntimeException e) {
            // The body ran past the limit while a handler read it: answer 413, not whatever the reader made of it.
            if (limited.exceeded && !response.isCommitted()) {
                response.reset();
                tooLarge(response, limit);
                return;
            }
            throw e;
        }
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The request body is larger than this endpoint accepts (" + limit + " bytes).");
        problem.setTitle("Request too large");
        Problems.write(response, json, problem);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private volatile boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream inner = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = inner.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = inner.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > limit) {
                            exceeded = true;
                            throw new IOException("Request body larger than " + limit + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return inner.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return inner.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        inner.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
