package org.openyjs.cases.restriction;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
 */
@Component
public class RestrictionGuard implements HandlerInterceptor {

    private final EventStore eventStore;

    public RestrictionGuard(EventStore eventStore) {
        this.eventStore = eventStore;
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
        List<String> workers = null;
        for (DomainEventMessage<?> event : eventStore.readEvents(childId).asStream().toList()) {
            if (event.getPayload() instanceof CaseRestricted restricted) {
                workers = restricted.workers();
            } else if (event.getPayload() instanceof RestrictionLifted) {
                workers = null;
            }
        }
        return Optional.ofNullable(workers);
    }
}
