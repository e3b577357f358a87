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
 * which roles), what (method and endpoint, and the answer's status), when, why (the optional
 * {@code X-Access-Reason} header) and the correlation id. Refused requests are recorded too.
 */
@Component
public class CaseAccessAudit implements HandlerInterceptor {

    public static final String REASON_HEADER = "X-Access-Reason";

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
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        jdbc.sql("""
                        INSERT INTO case_access_audit (user_name, roles, child_id, action, reason, correlation_id)
                        VALUES (:user, :roles, :child, :action, :reason, :correlation)""")
                .param("user", RequestUser.name().orElse("anonymous"))
                .param("roles", RequestUser.roles().isEmpty() ? null
                        : String.join(",", new TreeSet<>(RequestUser.roles())))
                .param("child", truncate(childId, 64))
                .param("action", truncate(request.getMethod() + " " + pattern + " " + response.getStatus(), 64))
                .param("reason", truncate(request.getHeader(REASON_HEADER), 1000))
                .param("correlation", truncate(RequestUser.correlationId().orElse(null), 64))
                .update();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
