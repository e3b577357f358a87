package org.openyjs.kpi.readmodel;

import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ArrestRecorded;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.CaseAuditRecorded;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseReopened;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.CustodyEntered;
import org.openyjs.events.cases.HomeVisitRecorded;
import org.openyjs.events.cases.PreSentenceReportSubmitted;
import org.openyjs.events.cases.PreventionReferralRecorded;
import org.openyjs.events.cases.ReleasedFromCustody;
import org.openyjs.events.cases.RemandRecorded;
import org.openyjs.events.cases.ResettlementAccommodationReferralMade;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OrderStarted;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes integration events' facts into the read model, a poll at a time ({@link ProjectionBatch}). Runs
 * inside the consumer's transaction; a fact row is keyed by its event, so an event seen again writes nothing, and
 * the upserts' events are claimed before (processed_event).
 */
@Component
public class ReadModelProjection {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final PrecomputedOutcomes precomputed;

    public ReadModelProjection(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PrecomputedOutcomes precomputed) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.precomputed = precomputed;
    }

    /**
     * The payload fields the read model cannot do without, by contract. Checked before anything is
     * written so that an incomplete event is rejected rather than failing its whole batch in SQL.
     */
    public static List<String> missingFields(IntegrationPayload payload) {
        Required required = new Required();
        if (payload instanceof ChildRegistered child) {
            required.check("childId", child.childId())
                    .check("youthJusticeService", child.youthJusticeService())
                    .check("dateOfBirth", child.dateOfBirth());
        } else if (payload instanceof OffenceRecorded offence) {
            required.check("childId", offence.childId())
                    .check("offenceId", offence.offenceId())
                    .check("offenceDate", offence.offenceDate());
        } else if (payload instanceof OutcomeRecorded outcome) {
            required.check("childId", outcome.childId())
                    .check("outcomeCode", outcome.outcomeCode())
                    .check("outcomeDate", outcome.outcomeDate());
        } else if (payload instanceof PanelDecisionRecorded decision) {
            required.check("decisionId", decision.decisionId())
                    .check("childId", decision.childId())
                    .check("outcomeCode", decision.outcomeCode())
                    .check("decisionDate", decision.decisionDate());
        } else if (payload instanceof OutcomeCorrected correction) {
            required.check("childId", correction.childId())
                    .check("correctsEventId", correction.correctsEventId())
                    .check("outcomeCode", correction.outcomeCode())
                    .check("outcomeDate", correction.outcomeDate());
        } else if (payload instanceof OrderStarted order) {
            required.check("childId", order.childId()).check("orderId", order.orderId());
        } else if (payload instanceof OrderEnded order) {
            required.check("childId", order.childId()).check("orderId", order.orderId())
                    .check("endDate", order.endDate());
        } else if (payload instanceof StatusRecorded status) {
            required.check("childId", status.childId()).check("orderId", status.orderId())
                    .check("point", status.point());
        } else if (payload instanceof VictimContactRecorded contact) {
            required.check("childId", contact.childId()).check("victimId", contact.victimId())
                    .check("contactedOn", contact.contactedOn());
        } else if (payload instanceof ReferredToOutOfCourtPanel referral) {
            required.check("childId", referral.childId()).check("referralDate", referral.referralDate());
        } else if (payload instanceof CustodyEntered entry) {
            required.check("childId", entry.childId()).check("orderId", entry.orderId())
                    .check("admittedOn", entry.admittedOn());
        } else if (payload instanceof ReleasedFromCustody release) {
            required.check("childId", release.childId()).check("releasedOn", release.releasedOn());
        } else if (payload instanceof ResettlementAccommodationReferralMade referral) {
            required.check("childId", referral.childId()).check("orderId", referral.orderId())
                    .check("referredOn", referral.referredOn());
        } else if (payload instanceof CaseTransferred transfer) {
            required.check("childId", transfer.childId()).check("direction", transfer.direction())
                    .check("transferredOn", transfer.transferredOn());
        } else if (payload instanceof CaseClosed closed) {
            required.check("childId", closed.childId()).check("closedOn", closed.closedOn());
        } else if (payload instanceof CaseReopened reopened) {
            required.check("childId", reopened.childId()).check("reopenedOn", reopened.reopenedOn());
        } else if (payload instanceof CaseAuditRecorded audit) {
            required.check("childId", audit.childId()).check("subject", audit.subject())
                    .check("auditedOn", audit.auditedOn());
        } else if (payload instanceof ArrestRecorded arrest) {
            required.check("childId", arrest.childId());
        } else if (payload instanceof PreventionReferralRecorded referral) {
            required.check("childId", referral.childId()).check("referredOn", referral.referredOn());
        } else if (payload instanceof PreSentenceReportSubmitted psr) {
            required.check("childId", psr.childId()).check("submittedOn", psr.submittedOn());
        } else if (payload instanceof RemandRecorded remand) {
            required.check("childId", remand.childId()).check("remandId", remand.remandId())
                    .check("startDate", remand.startDate());
        } else if (payload instanceof HomeVisitRecorded visit) {
            required.check("childId", visit.childId()).check("visitedAt", visit.visitedAt());
        } else if (payload instanceof AssessmentRecorded assessment) {
            required.check("childId", assessment.childId()).check("completedOn", assessment.completedOn());
        } else if (payload instanceof PanelDecisionAmended amended) {
            required.check("decisionId", amended.decisionId()).check("childId", amended.childId())
                    .check("outcomeCode", amended.outcomeCode()).check("amendedOn", amended.amendedOn());
        } else if (payload instanceof YouthConditionalCautionNotCompleted ycc) {
            required.check("childId", ycc.childId()).check("recordedOn", ycc.recordedOn());
        }
        return required.missing;
    }

    /** Applies one event on its own: a batch of one; applied before, it writes nothing (an upsert's claim aside). */
    public void apply(IntegrationEvent event, IntegrationPayload payload) {
        ProjectionBatch batch = batch();
        batch.add(event, payload);
        batch.flushSkippingStored();
    }

    /** A buffer for one poll's events, written by its {@link ProjectionBatch#flush()}. */
    public ProjectionBatch batch() {
        return new ProjectionBatch(jdbcTemplate, jdbc, !precomputed.deferred());
    }

    private static final class Required {
        private final List<String> missing = new ArrayList<>();

        Required check(String field, Object value) {
            if (value == null || value instanceof String text && text.isBlank()) {
                missing.add(field);
            }
            return this;
        }
    }
}
