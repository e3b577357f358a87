package org.openyjs.cases.timeline;

import org.openyjs.cases.api.CaseEvents.CaseClosed;
import org.openyjs.cases.api.CaseEvents.CaseReopened;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.HomeVisitRecorded;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OrderEnded;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.api.CaseEvents.OutcomeCorrected;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.openyjs.cases.api.CaseEvents.StatusRecorded;
import org.openyjs.cases.reference.ReferenceData;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A child's case as it stands, folded from its events: offences and outcomes, orders with their
 * latest status at each end, and what is due next under the local rules (home visit within 24 hours
 * of a court outcome, accommodation referral three months before release, transition decision at 17.5).
 */
public final class CaseState {

    public record OffenceView(String offenceId, LocalDate offenceDate, String offenceCategory, Integer gravityScore,
                       boolean admitted, String outcomeCode, LocalDate outcomeDate, String panelDecisionId) {
    }

    public record OrderView(String orderId, String orderType, String kind, String offenceId, LocalDate startDate,
                     LocalDate plannedEndDate, LocalDate endDate, String endReason, StatusRecorded startStatus,
                     StatusRecorded endStatus) {
    }

    /** Something the service owes the child by a date. */
    public record Due(String what, LocalDate dueOn, String about) {
    }

    private ChildRegistered child;
    private final Map<String, OffenceView> offences = new LinkedHashMap<>();
    private final Map<String, OrderView> orders = new LinkedHashMap<>();
    private final Set<String> homeVisited = new HashSet<>();
    private LocalDate closedOn;

    void apply(Object fact) {
        if (fact instanceof ChildRegistered registered) {
            child = registered;
        } else if (fact instanceof OffenceRecorded o) {
            offences.put(o.offenceId(), new OffenceView(o.offenceId(), o.offenceDate(), o.offenceCategory(),
                    o.gravityScore(), o.admitted(), null, null, null));
        } else if (fact instanceof OutcomeRecorded o) {
            outcome(o.offenceId(), o.outcomeCode(), o.outcomeDate(), o.panelDecisionId());
        } else if (fact instanceof OutcomeCorrected o) {
            outcome(o.offenceId(), o.outcomeCode(), o.outcomeDate(), null);
        } else if (fact instanceof HomeVisitRecorded v) {
            homeVisited.add(v.offenceId());
        } else if (fact instanceof OrderStarted o) {
            orders.put(o.orderId(), new OrderView(o.orderId(), o.orderType(), o.kind(), o.offenceId(), o.startDate(),
                    o.plannedEndDate(), null, null, null, null));
        } else if (fact instanceof OrderEnded e) {
            orders.computeIfPresent(e.orderId(), (id, o) -> new OrderView(id, o.orderType(), o.kind(), o.offenceId(),
                    o.startDate(), o.plannedEndDate(), e.endDate(), e.endReason(), o.startStatus(), o.endStatus()));
        } else if (fact instanceof StatusRecorded s) {
            // A later snapshot for the same order and point supersedes the earlier one.
            orders.computeIfPresent(s.orderId(), (id, o) -> new OrderView(id, o.orderType(), o.kind(), o.offenceId(),
                    o.startDate(), o.plannedEndDate(), o.endDate(), o.endReason(),
                    "START".equals(s.point()) ? s : o.startStatus(), "END".equals(s.point()) ? s : o.endStatus()));
        } else if (fact instanceof CaseClosed c) {
            closedOn = c.closedOn();
        } else if (fact instanceof CaseReopened) {
            closedOn = null;
        }
    }

    private void outcome(String offenceId, String code, LocalDate date, String panelDecisionId) {
        offences.computeIfPresent(offenceId, (id, v) -> new OffenceView(id, v.offenceDate(), v.offenceCategory(),
                v.gravityScore(), v.admitted(), code, date, panelDecisionId != null ? panelDecisionId : v.panelDecisionId()));
    }

    ChildRegistered child() {
        return child;
    }

    List<OffenceView> offences() {
        return List.copyOf(offences.values());
    }

    List<OrderView> orders() {
        return List.copyOf(orders.values());
    }

    LocalDate closedOn() {
        return closedOn;
    }

    /** What is due on an open case, soonest first. */
    List<Due> due(ReferenceData referenceData) {
        if (closedOn != null) {
            return List.of();
        }
        List<Due> due = new ArrayList<>();
        for (OffenceView offence : offences.values()) {
            boolean courtOutcome = offence.outcomeCode() != null && referenceData
                    .outcomeType(offence.outcomeCode(), offence.outcomeDate())
                    .filter(t -> "COURT".equals(t.category())).isPresent();
            if (courtOutcome && !homeVisited.contains(offence.offenceId())) {
                due.add(new Due("HOME_VISIT", offence.outcomeDate().plusDays(1), offence.offenceId()));
            }
        }
        for (OrderView order : orders.values()) {
            if ("CUSTODY".equals(order.kind()) && order.endDate() == null && order.plannedEndDate() != null) {
                due.add(new Due("ACCOMMODATION_REFERRAL", order.plannedEndDate().minusMonths(3), order.orderId()));
            }
        }
        boolean onAnOrder = orders.values().stream().anyMatch(o -> o.endDate() == null);
        if (onAnOrder) {
            due.add(new Due("TRANSITION_DECISION", child.dateOfBirth().plusYears(17).plusMonths(6), child.childId()));
        }
        due.sort(Comparator.comparing(Due::dueOn));
        return due;
    }
}
