package org.openyjs.panel.agenda;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.panel.api.ReferralEvents.AssessmentNoted;
import org.openyjs.panel.api.ReferralEvents.CarriedOver;
import org.openyjs.panel.api.ReferralEvents.ConditionsCompleted;
import org.openyjs.panel.api.ReferralEvents.ConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.PlacedOnAgenda;
import org.openyjs.panel.api.ReferralEvents.QuorumOverridden;
import org.openyjs.panel.api.ReferralEvents.ReferralClosedByOutcomeElsewhere;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;
import org.openyjs.panel.api.ReferralEvents.ScrutinyFindingRecorded;
import org.openyjs.panel.api.ReferralEvents.SelectedForScrutiny;
import org.openyjs.panel.api.ReferralEvents.VictimContactNoted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Projects panel events into the chair's tables. Every statement is an upsert or a keyed update, so
 * an event handled twice (a batch retried after a failure) leaves the same rows. The statements go through
 * {@link ReadModelWriter}, which sends a processor batch's statements together before it commits: each row
 * must stay written by the events of one aggregate only (a referral's or a meeting's), which is what lets
 * it reorder statements across aggregates.
 */
@Component
@ProcessingGroup(PanelReadModelProjection.PROCESSING_GROUP)
public class PanelReadModelProjection {

    public static final String PROCESSING_GROUP = "panel-read-model";

    private final JdbcTemplate jdbc;
    private final ReadModelWriter writer;

    public PanelReadModelProjection(JdbcTemplate jdbc, ReadModelWriter writer) {
        this.jdbc = jdbc;
        this.writer = writer;
    }

    @EventHandler
    void on(MeetingScheduled e) {
        writer.update("INSERT INTO meeting_view (panel_id, meeting_date) VALUES (?, ?) ON CONFLICT DO NOTHING",
                e.panelId(), e.meetingDate());
    }

    @EventHandler
    void on(AttendanceRecorded e) {
        writer.update("UPDATE meeting_view SET attendee_count = ?, quorate = ? WHERE panel_id = ?",
                e.attendees().size(), e.quorate(), e.panelId());
    }

    @EventHandler
    void on(ReferralReceived e, @Timestamp Instant at) {
        writer.update("""
                INSERT INTO referral_view (referral_id, child_id, offence_id, youth_justice_service, referral_date,
                    decision_due_date, gravity_score, admitted, status, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING', ?) ON CONFLICT DO NOTHING""",
                e.referralId(), e.childId(), e.offenceId(), e.youthJusticeService(), e.referralDate(),
                e.decisionDueDate(), e.gravityScore(), e.admitted(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    @EventHandler
    void on(AssessmentNoted e) {
        writer.update("""
                INSERT INTO assessment_view (referral_id, assessment_id, tool, completed_on, quality_assured_on)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (referral_id, assessment_id) DO UPDATE SET tool = EXCLUDED.tool,
                    completed_on = EXCLUDED.completed_on, quality_assured_on = EXCLUDED.quality_assured_on""",
                e.referralId(), e.assessmentId(), e.tool(), e.completedOn(), e.qualityAssuredOn());
        // The case's status is the best of its assessments: one quality-assured assessment is enough.
        writer.update("""
                UPDATE referral_view r SET
                    assessment_status = CASE WHEN EXISTS (SELECT 1 FROM assessment_view a WHERE a.referral_id = r.referral_id
                            AND a.quality_assured_on IS NOT NULL) THEN 'QUALITY_ASSURED' ELSE 'COMPLETED' END,
                    assessment_tool = ?
                WHERE referral_id = ?""", e.tool(), e.referralId());
    }

    @EventHandler
    void on(VictimContactNoted e) {
        writer.update("""
                INSERT INTO victim_view (referral_id, victim_id, contacted_on, result, consented_to_contact,
                    restorative_justice_offered) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (referral_id, victim_id) DO UPDATE SET contacted_on = EXCLUDED.contacted_on,
                    result = EXCLUDED.result, consented_to_contact = EXCLUDED.consented_to_contact,
                    restorative_justice_offered = EXCLUDED.restorative_justice_offered""",
                e.referralId(), e.victimId(), e.contactedOn(), e.result(), e.consentedToContact(),
                e.restorativeJusticeOffered());
    }

    @EventHandler
    void on(PlacedOnAgenda e) {
        writer.update("UPDATE referral_view SET status = 'LISTED', panel_id = ?, meeting_date = ? WHERE referral_id = ?",
                e.panelId(), e.meetingDate(), e.referralId());
        agenda(e.panelId(), e.referralId(), "LISTED", null);
    }

    @EventHandler
    void on(CarriedOver e) {
        writer.update("UPDATE referral_view SET panel_id = ?, meeting_date = ? WHERE referral_id = ?",
                e.toPanelId(), e.toMeetingDate(), e.referralId());
        agenda(e.fromPanelId(), e.referralId(), "CARRIED_OVER", "carried over to " + e.toPanelId() + ": " + e.reason());
        agenda(e.toPanelId(), e.referralId(), "LISTED", "carried over from " + e.fromPanelId());
    }

    @EventHandler
    void on(ReferralWithdrawn e) {
        writer.update("UPDATE referral_view SET status = 'WITHDRAWN' WHERE referral_id = ?", e.referralId());
        if (e.panelId() != null) {
            agenda(e.panelId(), e.referralId(), "WITHDRAWN", e.reason());
        }
    }

    /** Off the awaiting and listed lists; the outcome given elsewhere is shown as the referral's outcome. */
    @EventHandler
    void on(ReferralClosedByOutcomeElsewhere e) {
        writer.update("UPDATE referral_view SET status = 'CLOSED', outcome_code = ? WHERE referral_id = ?",
                e.outcomeCode(), e.referralId());
        if (e.panelId() != null) {
            agenda(e.panelId(), e.referralId(), "CLOSED", "outcome " + e.outcomeCode() + " given outside the panel on "
                    + e.outcomeDate());
        }
    }

    @EventHandler
    void on(QuorumOverridden e) {
        writer.update("""
                INSERT INTO quorum_override (decision_id, referral_id, panel_id, meeting_date, shortfall, reason)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.decisionId(), e.referralId(), e.panelId(), e.meetingDate(), String.join("; ", e.quorumShortfall()),
                e.reason());
    }

    @EventHandler
    void on(DecisionRecorded e) {
        writer.update("""
                UPDATE referral_view SET status = 'DECIDED', decision_id = ?, outcome_code = ?, conditions_end_date = ?,
                    conditions_status = ? WHERE referral_id = ?""",
                e.decisionId(), e.outcomeCode(), e.conditionsEndDate(), e.conditionsEndDate() != null ? "RUNNING" : null,
                e.referralId());
        agenda(e.panelId(), e.referralId(), "DECIDED", e.outcomeCode());
        writer.update("""
                INSERT INTO decision_view (decision_id, referral_id, panel_id, child_id, offence_id, youth_justice_service,
                    decision_date, original_outcome_code, outcome_code, gravity_score, assessment_override, working_days,
                    decided_in_time, conditions_end_date, conditions_status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.decisionId(), e.referralId(), e.panelId(), e.childId(), e.offenceId(), e.youthJusticeService(),
                e.decisionDate(), e.outcomeCode(), e.outcomeCode(), e.gravityScore(), e.assessmentOverrideReason(),
                e.workingDaysFromReferral(), e.decidedInTime(), e.conditionsEndDate(),
                e.conditionsEndDate() != null ? "RUNNING" : null);
    }

    @EventHandler
    void on(DecisionAmended e) {
        writer.update("INSERT INTO amendment_view (amendment_id, decision_id, amended_on, outcome_code) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", e.amendmentId(), e.decisionId(), e.amendedOn(),
                e.outcomeCode());
        writer.update("""
                UPDATE decision_view SET outcome_code = ?, gravity_score = ?,
                    assessment_override = COALESCE(?, assessment_override), conditions_end_date = ?,
                    conditions_status = ?,
                    amendments = (SELECT count(*) FROM amendment_view a WHERE a.decision_id = decision_view.decision_id)
                WHERE decision_id = ?""",
                e.outcomeCode(), e.gravityScore(), e.assessmentOverrideReason(), e.conditionsEndDate(),
                e.conditionsEndDate() != null ? "RUNNING" : null, e.decisionId());
        writer.update("UPDATE referral_view SET outcome_code = ?, conditions_end_date = ?, conditions_status = ? "
                + "WHERE referral_id = ?", e.outcomeCode(), e.conditionsEndDate(),
                e.conditionsEndDate() != null ? "RUNNING" : null, e.referralId());
    }

    @EventHandler
    void on(DecisionOverdue e) {
        writer.update("UPDATE referral_view SET overdue = TRUE WHERE referral_id = ?", e.referralId());
    }

    @EventHandler
    void on(ConditionsEndDatePassed e) {
        conditions(e.referralId(), e.decisionId(), "COMPLETION_NOT_RECORDED");
    }

    @EventHandler
    void on(ConditionsCompleted e) {
        conditions(e.referralId(), e.decisionId(), "COMPLETED");
    }

    @EventHandler
    void on(ConditionsNotCompleted e) {
        conditions(e.referralId(), e.decisionId(), "NOT_COMPLETED");
    }

    private void conditions(String referralId, String decisionId, String status) {
        writer.update("UPDATE decision_view SET conditions_status = ? WHERE decision_id = ?", status, decisionId);
        writer.update("UPDATE referral_view SET conditions_status = ? WHERE referral_id = ?", status, referralId);
    }

    @EventHandler
    void on(SelectedForScrutiny e, @Timestamp Instant at) {
        writer.update("""
                INSERT INTO scrutiny_sample (decision_id, referral_id, outcome_code, reasons, sampled_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.decisionId(), e.referralId(), e.outcomeCode(), String.join(",", e.reasons()),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    @EventHandler
    void on(ScrutinyFindingRecorded e) {
        writer.update("UPDATE scrutiny_sample SET finding = ?, learning_point = ?, finding_recorded_on = ? WHERE decision_id = ?",
                e.finding(), e.learningPoint(), e.recordedOn(), e.decisionId());
    }

    /**
     * Empties exactly this processor's tables (not the sagas' or the deadlines'). Axon calls it inside the
     * transaction that replaces the tokens with replay tokens, and the statement joins it, so the tables are
     * emptied only if the replay is recorded too (see rebuild.ReadModelRebuild).
     */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE meeting_view, referral_view, assessment_view, victim_view, agenda_entry, decision_view, "
                + "amendment_view, scrutiny_sample, quorum_override");
    }

    private void agenda(String panelId, String referralId, String state, String note) {
        writer.update("""
                INSERT INTO agenda_entry (panel_id, referral_id, state, note) VALUES (?, ?, ?, ?)
                ON CONFLICT (panel_id, referral_id) DO UPDATE SET state = EXCLUDED.state, note = EXCLUDED.note""",
                panelId, referralId, state, note);
    }
}
