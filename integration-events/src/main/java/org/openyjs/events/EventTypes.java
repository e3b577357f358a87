package org.openyjs.events;

import org.openyjs.events.cases.ChildRegistered;
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

/** The catalogue of integration-event contracts: name, version, payload class and topic. */
public final class EventTypes {

    /** One contract. */
    public record EventType(String name, int version, Class<? extends IntegrationPayload> payloadClass, String topic) {
    }

    public static final List<EventType> ALL = List.of(
            new EventType("ChildRegistered", 1, ChildRegistered.class, Topics.CASE_EVENTS),
            new EventType("OffenceRecorded", 1, OffenceRecorded.class, Topics.CASE_EVENTS),
            new EventType("OutcomeRecorded", 1, OutcomeRecorded.class, Topics.CASE_EVENTS),
            new EventType("OutcomeCorrected", 1, OutcomeCorrected.class, Topics.CASE_EVENTS),
            new EventType("ReferredToOutOfCourtPanel", 1, ReferredToOutOfCourtPanel.class, Topics.CASE_EVENTS),
            new EventType("AssessmentRecorded", 1, AssessmentRecorded.class, Topics.CASE_EVENTS),
            new EventType("VictimContactRecorded", 1, VictimContactRecorded.class, Topics.CASE_EVENTS),
            new EventType("PreSentenceReportSubmitted", 1, PreSentenceReportSubmitted.class, Topics.CASE_EVENTS),
            new EventType("RemandRecorded", 1, RemandRecorded.class, Topics.CASE_EVENTS),
            new EventType("HomeVisitRecorded", 1, HomeVisitRecorded.class, Topics.CASE_EVENTS),
            new EventType("OrderStarted", 1, OrderStarted.class, Topics.CASE_EVENTS),
            new EventType("OrderEnded", 1, OrderEnded.class, Topics.CASE_EVENTS),
            new EventType("StatusRecorded", 1, StatusRecorded.class, Topics.CASE_EVENTS),
            new EventType("PanelDecisionRecorded", 1, PanelDecisionRecorded.class, Topics.PANEL_EVENTS),
            new EventType("PanelDecisionAmended", 1, PanelDecisionAmended.class, Topics.PANEL_EVENTS),
            new EventType("YouthConditionalCautionNotCompleted", 1, YouthConditionalCautionNotCompleted.class, Topics.PANEL_EVENTS));

    private EventTypes() {
    }

    public static Optional<EventType> byPayload(Class<?> payloadClass) {
        return ALL.stream().filter(t -> t.payloadClass().equals(payloadClass)).findFirst();
    }

    public static Optional<EventType> byName(String name, int version) {
        return ALL.stream().filter(t -> t.name().equals(name) && t.version() == version).findFirst();
    }
}
