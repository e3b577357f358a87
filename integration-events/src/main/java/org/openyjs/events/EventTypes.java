package org.openyjs.events;

import org.openyjs.events.cases.ArrestRecorded;
import org.openyjs.events.cases.CaseAuditRecorded;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseReopened;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.CustodyEntered;
import org.openyjs.events.cases.PreventionReferralRecorded;
import org.openyjs.events.cases.ReleasedFromCustody;
import org.openyjs.events.cases.ResettlementAccommodationReferralMade;
import org.openyjs.events.cases.HomeVisitRecorded;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OrderStarted;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.PreSentenceReportSubmitted;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.RemandRecorded;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of integration-event contracts: name, current version, payload class and topic.
 * Producers write only the current version; older versions are read through {@link Upcasters}.
 */
public final class EventTypes {

    /** One contract. */
    public record EventType(String name, int version, Class<? extends IntegrationPayload> payloadClass, String topic) {
    }

    public static final List<EventType> ALL = List.of(
            new EventType("ChildRegistered", 2, ChildRegistered.class, Topics.CASE_EVENTS),
            new EventType("OffenceRecorded", 1, OffenceRecorded.class, Topics.CASE_EVENTS),
            new EventType("OutcomeRecorded", 1, OutcomeRecorded.class, Topics.CASE_EVENTS),
            new EventType("OutcomeCorrected", 1, OutcomeCorrected.class, Topics.CASE_EVENTS),
            new EventType("ReferredToOutOfCourtPanel", 1, ReferredToOutOfCourtPanel.class, Topics.CASE_EVENTS),
            new EventType("AssessmentRecorded", 1, AssessmentRecorded.class, Topics.CASE_EVENTS),
            new EventType("VictimContactRecorded", 2, VictimContactRecorded.class, Topics.CASE_EVENTS),
            new EventType("PreSentenceReportSubmitted", 1, PreSentenceReportSubmitted.class, Topics.CASE_EVENTS),
            new EventType("RemandRecorded", 1, RemandRecorded.class, Topics.CASE_EVENTS),
            new EventType("HomeVisitRecorded", 1, HomeVisitRecorded.class, Topics.CASE_EVENTS),
            new EventType("OrderStarted", 1, OrderStarted.class, Topics.CASE_EVENTS),
            new EventType("OrderEnded", 1, OrderEnded.class, Topics.CASE_EVENTS),
            new EventType("StatusRecorded", 1, StatusRecorded.class, Topics.CASE_EVENTS),
            new EventType("PreventionReferralRecorded", 1, PreventionReferralRecorded.class, Topics.CASE_EVENTS),
            new EventType("ArrestRecorded", 1, ArrestRecorded.class, Topics.CASE_EVENTS),
            new EventType("CustodyEntered", 1, CustodyEntered.class, Topics.CASE_EVENTS),
            new EventType("ResettlementAccommodationReferralMade", 1, ResettlementAccommodationReferralMade.class,
                    Topics.CASE_EVENTS),
            new EventType("ReleasedFromCustody", 1, ReleasedFromCustody.class, Topics.CASE_EVENTS),
            new EventType("CaseTransferred", 1, CaseTransferred.class, Topics.CASE_EVENTS),
            new EventType("CaseAuditRecorded", 1, CaseAuditRecorded.class, Topics.CASE_EVENTS),
            new EventType("CaseClosed", 1, CaseClosed.class, Topics.CASE_EVENTS),
            new EventType("CaseReopened", 1, CaseReopened.class, Topics.CASE_EVENTS),
            new EventType("PanelDecisionRecorded", 1, PanelDecisionRecorded.class, Topics.PANEL_EVENTS),
            new EventType("PanelDecisionAmended", 1, PanelDecisionAmended.class, Topics.PANEL_EVENTS),
            new EventType("YouthConditionalCautionNotCompleted", 1, YouthConditionalCautionNotCompleted.class, Topics.PANEL_EVENTS));

    private EventTypes() {
    }

    public static Optional<EventType> byPayload(Class<?> payloadClass) {
        return ALL.stream().filter(t -> t.payloadClass().equals(payloadClass)).findFirst();
    }


    /** The current version of a contract, whatever version a message was written in. */
    public static Optional<EventType> current(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
