package org.openyjs.cases.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openyjs.support.web.RequestUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;
import java.util.TreeSet;

/**
 * Writes every request that touches a child's record to the append-only audit trail: who (and in
 * which roles), what (READ or WRITE, method and endpoint, and the answer's status), when, why (the
 * optional {@code X-Access-Reason} header) and the correlation id. Refused requests are recorded too,
 * including attempts on a restricted record. Writes that arrive other than over HTTP are recorded by
 * {@link CommandAudit}.
 */
@Component
public class CaseAccessAudit implements HandlerInterceptor {

    public static final String REASON_HEADER = "X-Access-Reason";
    /** Set by a handler whose path has no child id (registering a child) to name the child it writes. */
    public static final String CHILD_ATTRIBUTE = CaseAccessAudit.class.getName() + ".childId";

    private final JdbcClient jdbc;

    public CaseAccessAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String childId = variables == null ? null : variables.get("childId");
        if (childId == null) {
            childId = (String) request.getAttribute(CHILD_ATTRIBUTE);
        }
        if (childId == null) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String method = request.getMethod();
        jdbc.sql("""
                        INSERT INTO case_access_audit (user_name, roles, child_id, action, reason, correlation_id,
                            access, status, channel)
                        VALUES (:user, :roles, :child, :action, :reason, :correlation, :access, :status, 'HTTP')""")
                .param("user", RequestUser.name().orElse("anonymous"))
                .param("roles", truncate(roles(), 255))
                .param("access", "GET".equals(method) || "HEAD".equals(method) ? "READ" : "WRITE")
                .param("status", response.getStatus())
                .param("child", truncate(childId, 64))
                .param("action", truncate(request.getMethod() + " " + pattern + " " + response.getStatus(), 64))
                .param("reason", truncate(request.getHeader(REASON_HEADER), 1000))
                .param("correlation", truncate(RequestUser.correlationId().orElse(null), 64))
                .update();
    }

    /** The caller's roles as the gateway vouched for them, sorted; null when none. */
    static String roles() {
        var roles = RequestUser.roles();
        return roles.isEmpty() ? null : String.join(",", new TreeSet<>(roles));
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
