package org.openyjs.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A POST retried with the same {@code Idempotency-Key} gets the first answer and records nothing new.
 * The key is claimed before the request runs, so two copies racing each other cannot both record:
 * the second is told the first is still in progress. A key reused for a different request is refused.
 * Server errors are not remembered, so the client may retry them.
 *
 * <p>A claim still in progress after {@code staleAfter} belongs to a request that died with its process
 * (kill -9, power loss) before it could answer; the same request retried after that takes the claim
 * over and runs. Its command may have committed just before the process died: commands that carry their
 * own ids (a child, an offence, an order) are then refused as duplicates, so the retry does not record
 * twice.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Duration staleAfter;

    public IdempotencyFilter(JdbcClient jdbc, ObjectMapper json, Duration staleAfter) {
        this.jdbc = jdbc;
        this.json = json;
        this.staleAfter = staleAfter;
    }

    private record Stored(String requestHash, String state, Integer status, String contentType, byte[] body) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            problem(response, HttpStatus.BAD_REQUEST, "must be 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        String user = RequestUser.name().orElse("anonymous");
        BufferedRequest buffered = new BufferedRequest(request);
        String hash = hash(request.getMethod() + " " + request.getRequestURI() + "\n", buffered.body);

        if (!claim(user, key, hash)) {
            Stored first = find(user, key).orElseThrow();
            if (!first.requestHash().equals(hash)) {
                problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "was already used for a different request");
            } else if ("IN_PROGRESS".equals(first.state())) {
                problem(response, HttpStatus.CONFLICT, "the first request with this key is still in progress");
            } else {
                replay(response, first);
            }
            return;
        }

        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(buffered, recorded);
        } catch (IOException | ServletException | RuntimeException e) {
            forget(user, key);
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            forget(user, key);
        } else {
            jdbc.sql("""
                            UPDATE idempotency_key SET state = 'COMPLETED', response_status = :status,
                                   content_type = :contentType, response_body = :body
                            WHERE user_name = :user AND idempotency_key = :key""")
                    .param("status", recorded.getStatus()).param("contentType", recorded.getContentType())
                    .param("body", recorded.getContentAsByteArray()).param("user", user).param("key", key)
                    .update();
        }
        recorded.copyBodyToResponse();
    }

    private boolean claim(String user, String key, String hash) {
        try {
            jdbc.sql("""
                            INSERT INTO idempotency_key (user_name, idempotency_key, request_hash, state)
                            VALUES (:user, :key, :hash, 'IN_PROGRESS')""")
                    .param("user", user).param("key", key).param("hash", hash).update();
            return true;
        } catch (DuplicateKeyException e) {
            return takeOverStale(user, key, hash);
        }
    }

    /** The same request's claim, left in progress by a request that died: taken over, once. */
    private boolean takeOverStale(String user, String key, String hash) {
        return jdbc.sql("""
                        UPDATE idempotency_key SET created_at = now()
                        WHERE user_name = :user AND idempotency_key = :key AND request_hash = :hash
                          AND state = 'IN_PROGRESS' AND created_at < now() - make_interval(secs => :stale)""")
                .param("user", user).param("key", key).param("hash", hash)
                .param("stale", (double) staleAfter.toMillis() / 1000)
                .update() == 1;
    }

    private Optional<Stored> find(String user, String key) {
        return jdbc.sql("""
                        SELECT request_hash, state, response_status, content_type, response_body
                        FROM idempotency_key WHERE user_name = :user AND idempotency_key = :key""")
                .param("user", user).param("key", key)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getString(4), rs.getBytes(5)))
                .optional();
    }

    private void forget(String user, String key) {
        jdbc.sql("DELETE FROM idempotency_key WHERE user_name = :user AND idempotency_key = :key")
                .param("user", user).param("key", key).update();
    }

    private static void replay(HttpServletResponse response, Stored first) throws IOException {
        response.setStatus(first.status());
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        if (first.body() != null) {
            response.getOutputStream().write(first.body());
        }
    }

    private void problem(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        Problems.write(response, json, Problems.field(status, HEADER, message));
    }

    static String hash(String head, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once up front, so it can be hashed and still handled. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request) throws IOException {
            super(request);
            this.body = request.getInputStream().readAllBytes();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
