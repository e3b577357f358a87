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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each integration event's facts into the read model. Runs inside the consumer's transaction;
 * deduplication happens before (processed_event), so every method here sees an event once.
 */
@Component
public class ReadModelProjection {

    private final JdbcClient jdbc;

    public ReadModelProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public void apply(IntegrationEvent event, IntegrationPayload payload) {
        Timestamp recordedAt = event.recordedAt() == null ? null : Timestamp.from(event.recordedAt());
        if (payload instanceof ChildRegistered child) {
            jdbc.sql("""
                            INSERT INTO kpi_child (child_id, youth_justice_service, date_of_birth, sex, ethnicity,
                                                   local_authority, recorded_at, transferred)
                            VALUES (?, ?, ?, ?, ?, ?, ?, EXISTS (SELECT 1 FROM kpi_transfer WHERE child_id = ?))
                            ON CONFLICT (child_id) DO UPDATE SET
                                youth_justice_service = excluded.youth_justice_service,
                                date_of_birth = excluded.date_of_birth, sex = excluded.sex,
                                ethnicity = excluded.ethnicity, local_authority = excluded.local_authority,
                                recorded_at = excluded.recorded_at
                            """)
                    .params(child.childId(), child.youthJusticeService(), child.dateOfBirth(), child.sex(),
                            child.ethnicity(), child.localAuthority(), recordedAt, child.childId())
                    .update();
        } else if (payload instanceof OffenceRecorded offence) {
            jdbc.sql("""
                            INSERT INTO kpi_offence (event_id, child_id, offence_id, offence_date, offence_category,
                                                     gravity_score, admitted, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), offence.childId(), offence.offenceId(), offence.offenceDate(),
                            offence.offenceCategory(), offence.gravityScore(), offence.admitted(), recordedAt)
                    .update();
        } else if (payload instanceof OutcomeRecorded outcome) {
            jdbc.sql("""
                            INSERT INTO kpi_outcome (event_id, child_id, offence_id, outcome_code, outcome_date,
                                                     panel_decision_id, recorded_at, corrected)
                            VALUES (?, ?, ?, ?, ?, ?, ?,
                                    EXISTS (SELECT 1 FROM kpi_outcome_correction WHERE root_event_id = ?))
                            """)
                    .params(event.eventId(), outcome.childId(), outcome.offenceId(), outcome.outcomeCode(),
                            outcome.outcomeDate(), outcome.panelDecisionId(), recordedAt, event.eventId())
                    .update();
        } else if (payload instanceof PanelDecisionRecorded decision) {
            jdbc.sql("""
                            INSERT INTO kpi_panel_decision (event_id, decision_id, panel_id, child_id, offence_id,
                                                            outcome_code, decision_date, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), decision.decisionId(), decision.panelId(), decision.childId(),
                            decision.offenceId(), decision.outcomeCode(), decision.decisionDate(), recordedAt)
                    .update();
        } else if (payload instanceof OutcomeCorrected correction) {
            applyCorrection(event, correction, recordedAt);
        } else if (payload instanceof OrderStarted order) {
            jdbc.sql("""
                            INSERT INTO kpi_order (order_id, child_id, order_type, kind, offence_id, start_date,
                                                   planned_end_date, start_event_id, start_recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (child_id, order_id) DO UPDATE SET
                                order_type = excluded.order_type, kind = excluded.kind,
                                offence_id = excluded.offence_id, start_date = excluded.start_date,
                                planned_end_date = excluded.planned_end_date,
                                start_event_id = excluded.start_event_id, start_recorded_at = excluded.start_recorded_at
                            """)
                    .params(order.orderId(), order.childId(), order.orderType(), order.kind(), order.offenceId(),
                            order.startDate(), order.plannedEndDate(), event.eventId(), recordedAt)
                    .update();
        } else if (payload instanceof OrderEnded order) {
            jdbc.sql("""
                            INSERT INTO kpi_order (order_id, child_id, order_type, kind, end_date, end_reason,
                                                   end_event_id, end_recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (child_id, order_id) DO UPDATE SET
                                order_type = COALESCE(excluded.order_type, kpi_order.order_type),
                                kind = COALESCE(excluded.kind, kpi_order.kind),
                                end_date = excluded.end_date, end_reason = excluded.end_reason,
                                end_event_id = excluded.end_event_id, end_recorded_at = excluded.end_recorded_at
                            """)
                    .params(order.orderId(), order.childId(), order.orderType(), order.kind(), order.endDate(),
                            order.endReason(), event.eventId(), recordedAt)
                    .update();
        } else if (payload instanceof StatusRecorded status) {
            applyStatus(event, status, recordedAt);
        } else if (payload instanceof VictimContactRecorded contact) {
            jdbc.sql("""
                            INSERT INTO kpi_victim_contact (event_id, child_id, offence_id, victim_id, contacted_on,
                                                            result, consented_to_contact, restorative_justice_offered,
                                                            kept_informed, restorative_justice_participated,
                                                            support_referral_made, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), contact.childId(), contact.offenceId(), contact.victimId(),
                            contact.contactedOn(), contact.result(), contact.consentedToContact(),
                            contact.restorativeJusticeOffered(), contact.keptInformed(),
                            contact.restorativeJusticeParticipated(), contact.supportReferralMade(), recordedAt)
                    .update();
        } else if (payload instanceof ReferredToOutOfCourtPanel referral) {
            jdbc.sql("""
                            INSERT INTO kpi_oocd_referral (event_id, child_id, offence_id, referral_date, gravity_score,
                                                           admitted, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), referral.childId(), referral.offenceId(), referral.referralDate(),
                            referral.gravityScore(), referral.admitted(), recordedAt)
                    .update();
        } else {
            applyCaseFacts(event, payload, recordedAt);
        }
        // A contract this read model does not use yet is only marked processed; a rebuild applies it once it does.
    }

    /** Custody, resettlement, transfers, closures, audits, arrests, referrals, PSRs, remands, visits, assessments. */
    private void applyCaseFacts(IntegrationEvent event, IntegrationPayload payload, Timestamp recordedAt) {
        if (payload instanceof CustodyEntered e) {
            insert("kpi_custody_entry", "child_id, order_id, establishment_type, admitted_on, expected_release_date",
                    event, recordedAt, e.childId(), e.orderId(), e.establishmentType(), e.admittedOn(),
                    e.expectedReleaseDate());
        } else if (payload instanceof ReleasedFromCustody r) {
            insert("kpi_custody_release", "child_id, order_id, released_on, release_type", event, recordedAt,
                    r.childId(), r.orderId(), r.releasedOn(), upper(r.releaseType()));
        } else if (payload instanceof ResettlementAccommodationReferralMade r) {
            insert("kpi_resettlement_referral", "child_id, order_id, referred_on, expected_release_date", event,
                    recordedAt, r.childId(), r.orderId(), r.referredOn(), r.expectedReleaseDate());
        } else if (payload instanceof CaseTransferred t) {
            String direction = upper(t.direction());
            // The envelope names the service recording the transfer; an older producer that left it out recorded
            // it for the service the child is registered with.
            String recordedFor = event.youthJusticeService() != null ? event.youthJusticeService()
                    : jdbc.sql("SELECT youth_justice_service FROM kpi_child WHERE child_id = ?").param(t.childId())
                    .query(String.class).optional().orElse(t.otherYouthJusticeService());
            insert("kpi_transfer", "child_id, youth_justice_service, direction, other_service, arrangement, transferred_on",
                    event, recordedAt, t.childId(), recordedFor, direction, t.otherYouthJusticeService(),
                    t.arrangement() == null ? "TRANSFER" : upper(t.arrangement()), t.transferredOn());
            jdbc.sql("UPDATE kpi_child SET transferred = true WHERE child_id = ?").param(t.childId()).update();
        } else if (payload instanceof CaseClosed c) {
            insert("kpi_case_change", "child_id, change, changed_on, closure_code", event, recordedAt, c.childId(),
                    "CLOSED", c.closedOn(), c.closureCode());
        } else if (payload instanceof CaseReopened c) {
            insert("kpi_case_change", "child_id, change, changed_on", event, recordedAt, c.childId(), "REOPENED",
                    c.reopenedOn());
        } else if (payload instanceof CaseAuditRecorded a) {
            insert("kpi_case_audit", "child_id, audit_id, subject, offence_id, audited_on, rating", event, recordedAt,
                    a.childId(), a.auditId(), upper(a.subject()), a.offenceId(), a.auditedOn(), upper(a.rating()));
        } else if (payload instanceof ArrestRecorded a) {
            insert("kpi_arrest", "child_id, arrest_id, arrested_at, worker_allocated_at, held_overnight, "
                            + "pace_transfer_requested, pace_transfer_provided, result", event, recordedAt,
                    a.childId(), a.arrestId(), timestamp(a.arrestedAt()), timestamp(a.workerAllocatedAt()),
                    a.heldOvernight(), a.paceTransferRequested(), a.paceTransferProvided(), a.result());
        } else if (payload instanceof PreventionReferralRecorded r) {
            insert("kpi_prevention_referral", "child_id, referral_id, referred_on, source, consent", event, recordedAt,
                    r.childId(), r.referralId(), r.referredOn(), r.source(), r.consent());
        } else if (payload instanceof PreSentenceReportSubmitted p) {
            insert("kpi_psr", "child_id, offence_id, requested_on, submitted_on, proposed_outcome_code, quality_assured",
                    event, recordedAt, p.childId(), p.offenceId(), p.requestedOn(), p.submittedOn(),
                    p.proposedOutcomeCode(), p.qualityAssured());
        } else if (payload instanceof RemandRecorded r) {
            insert("kpi_remand", "child_id, remand_id, offence_id, remand_type, start_date, end_date", event, recordedAt,
                    r.childId(), r.remandId(), r.offenceId(), upper(r.remandType()), r.startDate(), r.endDate());
        } else if (payload instanceof HomeVisitRecorded v) {
            insert("kpi_home_visit", "child_id, offence_id, visited_at", event, recordedAt, v.childId(), v.offenceId(),
                    timestamp(v.visitedAt()));
        } else if (payload instanceof PanelDecisionAmended a) {
            insert("kpi_panel_amendment", "amendment_id, decision_id, panel_id, child_id, offence_id, outcome_code, "
                            + "amended_on", event, recordedAt, a.amendmentId(), a.decisionId(), a.panelId(), a.childId(),
                    a.offenceId(), a.outcomeCode(), a.amendedOn());
        } else if (payload instanceof YouthConditionalCautionNotCompleted y) {
            insert("kpi_ycc_not_completed", "decision_id, child_id, offence_id, conditions_end_date, recorded_on", event,
                    recordedAt, y.decisionId(), y.childId(), y.offenceId(), y.conditionsEndDate(), y.recordedOn());
        } else if (payload instanceof AssessmentRecorded a) {
            insert("kpi_assessment", "child_id, assessment_id, offence_id, tool, completed_on, quality_assured_on",
                    event, recordedAt, a.childId(), a.assessmentId(), a.offenceId(), a.tool(), a.completedOn(),
                    a.qualityAssuredOn());
        }
    }

    /** One fact row: the event id, the given columns, and when it was recorded. */
    private void insert(String table, String columns, IntegrationEvent event, Timestamp recordedAt, Object... values) {
        Object[] params = new Object[values.length + 2];
        params[0] = event.eventId();
        System.arraycopy(values, 0, params, 1, values.length);
        params[params.length - 1] = recordedAt;
        jdbc.sql("INSERT INTO " + table + " (event_id, " + columns + ", recorded_at) VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(params.length, "?")) + ")")
                .params(params).update();
    }

    private static String upper(String code) {
        return code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
    }

    private static Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * The correction joins the chain of the outcome it corrects: its root is the corrected event's root
     * (an earlier correction) or the corrected event itself. The original outcome is flagged so queries
     * look for its corrections.
     */
    private void applyCorrection(IntegrationEvent event, OutcomeCorrected correction, Timestamp recordedAt) {
        String root = jdbc.sql("SELECT root_event_id FROM kpi_outcome_correction WHERE event_id = ?")
                .param(correction.correctsEventId()).query(String.class).optional()
                .orElse(correction.correctsEventId());
        jdbc.sql("""
                        INSERT INTO kpi_outcome_correction (event_id, child_id, offence_id, corrects_event_id,
                                                            root_event_id, outcome_code, outcome_date, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(event.eventId(), correction.childId(), correction.offenceId(), correction.correctsEventId(),
                        root, correction.outcomeCode(), correction.outcomeDate(), recordedAt)
                .update();
        jdbc.sql("UPDATE kpi_outcome SET corrected = true WHERE event_id = ?").param(root).update();
    }

    private void applyStatus(IntegrationEvent event, StatusRecorded s, Timestamp recordedAt) {
        StatusRecorded.Accommodation a = s.accommodation();
        StatusRecorded.Ete e = s.ete();
        StatusRecorded.Send send = s.send();
        StatusRecorded.Need mh = s.mentalHealth();
        StatusRecorded.Need sm = s.substanceMisuse();
        StatusRecorded.WiderServices w = s.widerServices();
        jdbc.sql("""
                        INSERT INTO kpi_status (event_id, child_id, order_id, point, assessed_on,
                            accommodation_suitable, accommodation_type,
                            ete_school_age, ete_hours_offered, ete_hours_attended, ete_status, ete_suitable,
                            send_identified_need, send_formal_plan,
                            mh_need, mh_planned_or_offered, mh_attending, sm_need, sm_planned_or_offered, sm_attending,
                            looked_after, child_protection_plan, child_in_need_plan, early_help, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(event.eventId(), s.childId(), s.orderId(), s.point().strip().toUpperCase(java.util.Locale.ROOT),
                        s.assessedOn(),
                        a == null ? null : a.suitable(), a == null ? null : a.type(),
                        e == null ? null : e.schoolAge(), e == null ? null : e.hoursOffered(),
                        e == null ? null : e.hoursAttended(), e == null ? null : e.status(),
                        e == null ? null : e.suitable(),
                        send == null ? null : send.identifiedNeed(), send == null ? null : send.formalPlan(),
                        mh == null ? null : mh.screenedOrIdentifiedNeed(),
                        mh == null ? null : mh.interventionPlannedOrOffered(), mh == null ? null : mh.attending(),
                        sm == null ? null : sm.screenedOrIdentifiedNeed(),
                        sm == null ? null : sm.interventionPlannedOrOffered(), sm == null ? null : sm.attending(),
                        w == null ? null : w.lookedAfter(), w == null ? null : w.childProtectionPlan(),
                        w == null ? null : w.childInNeedPlan(), w == null ? null : w.earlyHelp(), recordedAt)
                .update();
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
