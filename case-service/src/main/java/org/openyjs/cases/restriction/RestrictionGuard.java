package org.openyjs.cases.restriction;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.openyjs.cases.api.CaseEvents.CaseRestricted;
import org.openyjs.cases.api.CaseEvents.RestrictionLifted;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.support.web.RequestUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses (403) any read or write of a restricted child's record by a user the restriction does not
 * name. The restriction is read from the case's own events, so it holds from the moment it is recorded.
 * An admin not named may still lift or change the restriction, and nothing else. The audit interceptor
 * runs first and records the refused attempt.
 *
 * <p>This runs on every request naming a child, so it reads only the case's latest restriction event from
 * the event store (an index range of the child's rows), not the whole case.
 */
@Component
public class RestrictionGuard implements HandlerInterceptor {

    private static final String RESTRICTED = CaseRestricted.class.getName();
    private static final String LIFTED = RestrictionLifted.class.getName();

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public RestrictionGuard(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String childId = variables == null ? null : variables.get("childId");
        if (childId == null) {
            return true;
        }
        Optional<List<String>> restriction = restrictedTo(childId);
        if (restriction.isEmpty()) {
            return true;
        }
        Optional<String> user = RequestUser.name();
        if (user.isPresent() && restriction.get().contains(user.get())) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (RequestUser.hasRole(RestrictionController.ADMIN) && String.valueOf(pattern).startsWith(
                "/cases/{childId}/restriction")) {
            return true;
        }
        throw new DomainRefusal(null, "child " + childId + "'s record is restricted to named workers",
                HttpStatus.FORBIDDEN);
    }

    /** The workers the record is restricted to, or empty when it is not restricted. */
    Optional<List<String>> restrictedTo(String childId) {
        return jdbc.sql("""
                        SELECT payloadtype, payloadrevision, payload FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype IN (?, ?)
                        ORDER BY sequencenumber DESC LIMIT 1""")
                .params(childId, RESTRICTED, LIFTED)
                .query((rs, row) -> RESTRICTED.equals(rs.getString(1))
                        ? Optional.ofNullable(serializer.<byte[], CaseRestricted>deserialize(new SimpleSerializedObject<>(
                                rs.getBytes(3), byte[].class, rs.getString(1), rs.getString(2))).workers())
                        : Optional.<List<String>>empty())
                .optional()
                .flatMap(latest -> latest);
    }

}
