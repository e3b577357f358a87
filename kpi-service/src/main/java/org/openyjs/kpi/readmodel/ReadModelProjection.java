package org.openyjs.kpi.readmodel;

import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OrderStarted;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.events.panel.PanelDecisionRecorded;
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
        }
        return required.missing;
    }

    public void apply(IntegrationEvent event, IntegrationPayload payload) {
        Timestamp recordedAt = event.recordedAt() == null ? null : Timestamp.from(event.recordedAt());
        if (payload instanceof ChildRegistered child) {
            jdbc.sql("""
                            INSERT INTO kpi_child (child_id, youth_justice_service, date_of_birth, sex, ethnicity,
                                                   local_authority, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (child_id) DO UPDATE SET
                                youth_justice_service = excluded.youth_justice_service,
                                date_of_birth = excluded.date_of_birth, sex = excluded.sex,
                                ethnicity = excluded.ethnicity, local_authority = excluded.local_authority,
                                recorded_at = excluded.recorded_at
                            """)
                    .params(child.childId(), child.youthJusticeService(), child.dateOfBirth(), child.sex(),
                            child.ethnicity(), child.localAuthority(), recordedAt)
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
                            ON CONFLICT (order_id) DO UPDATE SET
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
                            ON CONFLICT (order_id) DO UPDATE SET
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
                                                            recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), contact.childId(), contact.offenceId(), contact.victimId(),
                            contact.contactedOn(), contact.result(), contact.consentedToContact(),
                            contact.restorativeJusticeOffered(), recordedAt)
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
        }
        // A contract this read model does not use yet is only marked processed; a rebuild applies it once it does.
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
