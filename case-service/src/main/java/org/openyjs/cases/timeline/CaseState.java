package org.openyjs.cases.timeline;

import org.openyjs.cases.api.CaseEvents.AccommodationReferralMade;
import org.openyjs.cases.api.CaseEvents.Arrest;
import org.openyjs.cases.api.CaseEvents.ArrestRecorded;
import org.openyjs.cases.api.CaseEvents.ArrestResultRecorded;
import org.openyjs.cases.api.CaseEvents.CaseClosed;
import org.openyjs.cases.api.CaseEvents.CaseRestricted;
import org.openyjs.cases.api.CaseEvents.CaseTransferred;
import org.openyjs.cases.api.CaseEvents.ChargedByPanelDecision;
import org.openyjs.cases.api.CaseEvents.ConditionalCautionNotCompleted;
import org.openyjs.cases.api.CaseEvents.CustodyEntered;
import org.openyjs.cases.api.CaseEvents.PaceTransferRecorded;
import org.openyjs.cases.api.CaseEvents.PostClosureCheckRecorded;
import org.openyjs.cases.api.CaseEvents.PreventionConsentRecorded;
import org.openyjs.cases.api.CaseEvents.PreventionReferralRecorded;
import org.openyjs.cases.api.CaseEvents.ReleasedFromCustody;
import org.openyjs.cases.api.CaseEvents.RestrictionLifted;
import org.openyjs.cases.api.CaseEvents.TransitionDecisionRecorded;
import org.openyjs.cases.api.CaseEvents.WorkerAllocated;
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
import java.time.ZoneId;
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
 * of a court outcome, accommodation referral three months before release, transition decision at 17.5,
 * a worker allocated at the point of arrest, the check 12 months after a case with prevention work closed).
 */
public final class CaseState {

    /**
     * @param chargedOn                      the panel decided to charge (the offence went to court), or null
     * @param conditionalCautionNotCompleted the conditions of a youth conditional caution were not completed
     */
    public record OffenceView(String offenceId, LocalDate offenceDate, String offenceCategory, Integer gravityScore,
                       boolean admitted, String outcomeCode, LocalDate outcomeDate, String panelDecisionId,
                       LocalDate chargedOn, boolean conditionalCautionNotCompleted) {

        OffenceView withOutcome(String code, LocalDate date, String decisionId) {
            return new OffenceView(offenceId, offenceDate, offenceCategory, gravityScore, admitted, code, date,
                    decisionId != null ? decisionId : panelDecisionId, chargedOn, conditionalCautionNotCompleted);
        }
    }

    /** A custodial order's time in the secure estate. */
    public record CustodyView(String orderId, String establishmentType, LocalDate admittedOn,
                              LocalDate expectedReleaseDate, LocalDate accommodationReferredOn, LocalDate releasedOn,
                              String releaseType) {
    }

    public record OrderView(String orderId, String orderType, String kind, String offenceId, LocalDate startDate,
                     LocalDate plannedEndDate, LocalDate endDate, String endReason, StatusRecorded startStatus,
                     StatusRecorded endStatus) {
    }

    /** Something the service owes the child by a date. */
    public record Due(String what, LocalDate dueOn, String about) {
    }

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private ChildRegistered child;
    private final Map<String, OffenceView> offences = new LinkedHashMap<>();
    private final Map<String, OrderView> orders = new LinkedHashMap<>();
    private final Set<String> homeVisited = new HashSet<>();
    private LocalDate closedOn;
    private final Map<String, PreventionReferralRecorded> preventionReferrals = new LinkedHashMap<>();
    private boolean preventionWork;
    private boolean postClosureChecked;
    private final Map<String, Arrest> arrests = new LinkedHashMap<>();
    private String allocatedWorker;
    private final Map<String, CustodyView> custody = new LinkedHashMap<>();
    private TransitionDecisionRecorded transitionDecision;
    private CaseTransferred lastTransfer;
    private List<String> restrictedTo;

    void apply(Object fact) {
        if (fact instanceof ChildRegistered registered) {
            child = registered;
        } else if (fact instanceof OffenceRecorded o) {
            offences.put(o.offenceId(), new OffenceView(o.offenceId(), o.offenceDate(), o.offenceCategory(),
                    o.gravityScore(), o.admitted(), null, null, null, null, false));
        } else if (fact instanceof OutcomeRecorded o) {
            outcome(o.offenceId(), o.outcomeCode(), o.outcomeDate(), o.panelDecisionId());
        } else if (fact instanceof OutcomeCorrected o) {
            outcome(o.offenceId(), o.outcomeCode(), o.outcomeDate(), null);
        } else if (fact instanceof ChargedByPanelDecision c) {
            offences.computeIfPresent(c.offenceId(), (id, v) -> new OffenceView(id, v.offenceDate(),
                    v.offenceCategory(), v.gravityScore(), v.admitted(), v.outcomeCode(), v.outcomeDate(),
                    c.decisionId(), c.decidedOn(), v.conditionalCautionNotCompleted()));
        } else if (fact instanceof ConditionalCautionNotCompleted c) {
            offences.computeIfPresent(c.offenceId(), (id, v) -> new OffenceView(id, v.offenceDate(),
                    v.offenceCategory(), v.gravityScore(), v.admitted(), v.outcomeCode(), v.outcomeDate(),
                    v.panelDecisionId(), v.chargedOn(), true));
        } else if (fact instanceof PreventionReferralRecorded p) {
            preventionReferrals.put(p.referralId(), p);
            preventionWork = true;
        } else if (fact instanceof PreventionConsentRecorded p) {
            preventionReferrals.put(p.referralId(), new PreventionReferralRecorded(p.childId(), p.referralId(),
                    p.referredOn(), p.source(), p.consent()));
        } else if (fact instanceof PostClosureCheckRecorded) {
            postClosureChecked = true;
        } else if (fact instanceof ArrestRecorded a) {
            arrests.put(a.arrest().arrestId(), a.arrest());
        } else if (fact instanceof WorkerAllocated w) {
            allocatedWorker = w.worker();
            if (w.arrest() != null) {
                arrests.put(w.arrest().arrestId(), w.arrest());
            }
        } else if (fact instanceof PaceTransferRecorded p) {
            arrests.put(p.arrest().arrestId(), p.arrest());
        } else if (fact instanceof ArrestResultRecorded r) {
            arrests.put(r.arrest().arrestId(), r.arrest());
        } else if (fact instanceof CustodyEntered c) {
            custody.put(c.orderId(), new CustodyView(c.orderId(), c.establishmentType(), c.admittedOn(),
                    c.expectedReleaseDate(), null, null, null));
        } else if (fact instanceof AccommodationReferralMade a) {
            custody.computeIfPresent(a.orderId(), (id, c) -> new CustodyView(id, c.establishmentType(), c.admittedOn(),
                    c.expectedReleaseDate(), a.referredOn(), c.releasedOn(), c.releaseType()));
        } else if (fact instanceof ReleasedFromCustody r) {
            custody.computeIfPresent(r.orderId(), (id, c) -> new CustodyView(id, c.establishmentType(), c.admittedOn(),
                    c.expectedReleaseDate(), c.accommodationReferredOn(), r.releasedOn(), r.releaseType()));
        } else if (fact instanceof TransitionDecisionRecorded t) {
            transitionDecision = t;
        } else if (fact instanceof CaseTransferred t) {
            lastTransfer = t;
        } else if (fact instanceof CaseRestricted r) {
            restrictedTo = List.copyOf(r.workers());
        } else if (fact instanceof RestrictionLifted) {
            restrictedTo = null;
        } else if (fact instanceof HomeVisitRecorded v) {
            homeVisited.add(v.offenceId());
        } else if (fact instanceof OrderStarted o) {
            orders.put(o.orderId(), new OrderView(o.orderId(), o.orderType(), o.kind(), o.offenceId(), o.startDate(),
                    o.plannedEndDate(), null, null, null, null));
            if ("PREVENTION".equals(o.kind())) {
                preventionWork = true;
            }
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
            postClosureChecked = false;
        } else if (fact instanceof CaseReopened) {
            closedOn = null;
        }
    }

    private void outcome(String offenceId, String code, LocalDate date, String panelDecisionId) {
        offences.computeIfPresent(offenceId, (id, v) -> v.withOutcome(code, date, panelDecisionId));
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

    List<PreventionReferralRecorded> preventionReferrals() {
        return List.copyOf(preventionReferrals.values());
    }

    List<Arrest> arrests() {
        return List.copyOf(arrests.values());
    }

    String allocatedWorker() {
        return allocatedWorker;
    }

    List<CustodyView> custody() {
        return List.copyOf(custody.values());
    }

    TransitionDecisionRecorded transitionDecision() {
        return transitionDecision;
    }

    /** The latest transfer in or out, or null. */
    CaseTransferred lastTransfer() {
        return lastTransfer;
    }

    /** The workers the record is restricted to, or null. */
    List<String> restrictedTo() {
        return restrictedTo;
    }

    /**
     * What is due, soonest first. On a closed case only the check 12 months after closure of a case
     * with prevention work; on an open case everything else.
     */
    List<Due> due(ReferenceData referenceData) {
        if (closedOn != null) {
            return preventionWork && !postClosureChecked
                    ? List.of(new Due("POST_CLOSURE_CHECK", closedOn.plusMonths(12), child.childId()))
                    : List.of();
        }
        List<Due> due = new ArrayList<>();
        for (Arrest arrest : arrests.values()) {
            if (arrest.workerAllocatedAt() == null) {
                // The local rule: a worker at the point of arrest, so it is due the day of the arrest.
                due.add(new Due("WORKER_ALLOCATION", LocalDate.ofInstant(arrest.arrestedAt(), LONDON),
                        arrest.arrestId()));
            }
        }
        for (OffenceView offence : offences.values()) {
            boolean courtOutcome = offence.outcomeCode() != null && referenceData
                    .outcomeType(offence.outcomeCode(), offence.outcomeDate())
                    .filter(t -> "COURT".equals(t.category())).isPresent();
            if (courtOutcome && !homeVisited.contains(offence.offenceId())) {
                due.add(new Due("HOME_VISIT", offence.outcomeDate().plusDays(1), offence.offenceId()));
            }
        }
        for (OrderView order : orders.values()) {
            CustodyView admitted = custody.get(order.orderId());
            LocalDate release = admitted != null ? admitted.expectedReleaseDate() : order.plannedEndDate();
            boolean referredOrReleased = admitted != null
                    && (admitted.accommodationReferredOn() != null || admitted.releasedOn() != null);
            if ("CUSTODY".equals(order.kind()) && order.endDate() == null && release != null && !referredOrReleased) {
                due.add(new Due("ACCOMMODATION_REFERRAL", release.minusMonths(3), order.orderId()));
            }
        }
        boolean onAnOrder = orders.values().stream().anyMatch(o -> o.endDate() == null);
        if (onAnOrder && transitionDecision == null) {
            due.add(new Due("TRANSITION_DECISION", child.dateOfBirth().plusYears(17).plusMonths(6), child.childId()));
        }
        due.sort(Comparator.comparing(Due::dueOn));
        return due;
    }
}
