package org.openyjs.panel.agenda;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Reads the chair's tables: referrals, agendas and what is known about each case before the panel. */
@Component
public class AgendaQueries {

    /**
     * One case as the chair sees it. {@code overdue} is true once the decision's due date has passed undecided.
     *
     * @param conditionsStatus a conditional caution's conditions: RUNNING, COMPLETION_NOT_RECORDED (their end
     *                         date has passed and nothing is recorded), COMPLETED or NOT_COMPLETED; null without
     */
    public record CaseSummary(String referralId, String childId, String offenceId, String youthJusticeService,
                              LocalDate referralDate, LocalDate decisionDueDate, boolean overdue, Integer gravityScore,
                              boolean admitted, String status, String panelId, LocalDate meetingDate,
                              String assessmentStatus, String assessmentTool, List<Victim> victims,
                              String decisionId, String outcomeCode, LocalDate conditionsEndDate,
                              String conditionsStatus) {
    }

    /** @param result VIEWS_GIVEN, DECLINED or NOT_CONTACTABLE */
    public record Victim(String victimId, LocalDate contactedOn, String result, boolean consentedToContact,
                         boolean restorativeJusticeOffered) {
    }

    /** A case on a meeting's agenda and what became of it there (LISTED, CARRIED_OVER, WITHDRAWN, DECIDED). */
    public record AgendaItem(String agendaState, String note, CaseSummary referral) {
    }

    public record Meeting(String panelId, LocalDate meetingDate, Integer attendeeCount, Boolean quorate) {
    }

    private final JdbcTemplate jdbc;

    public AgendaQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Meeting> meeting(String panelId) {
        return jdbc.query("SELECT * FROM meeting_view WHERE panel_id = ?", (rs, n) -> new Meeting(
                rs.getString("panel_id"), rs.getObject("meeting_date", LocalDate.class),
                (Integer) rs.getObject("attendee_count"), (Boolean) rs.getObject("quorate")), panelId).stream().findFirst();
    }

    public List<Meeting> meetings(LocalDate from, LocalDate to) {
        return jdbc.query("SELECT * FROM meeting_view WHERE meeting_date BETWEEN ? AND ? ORDER BY meeting_date",
                (rs, n) -> new Meeting(rs.getString("panel_id"), rs.getObject("meeting_date", LocalDate.class),
                        (Integer) rs.getObject("attendee_count"), (Boolean) rs.getObject("quorate")), from, to);
    }

    public List<AgendaItem> agenda(String panelId) {
        return jdbc.query("""
                SELECT a.state AS agenda_state, a.note, r.* FROM agenda_entry a
                JOIN referral_view r ON r.referral_id = a.referral_id
                WHERE a.panel_id = ? ORDER BY r.referral_date, r.child_id, r.offence_id""",
                (rs, n) -> new AgendaItem(rs.getString("agenda_state"), rs.getString("note"), summary(rs)), panelId);
    }

    public Optional<CaseSummary> referral(String referralId) {
        return jdbc.query("SELECT * FROM referral_view WHERE referral_id = ?", (rs, n) -> summary(rs), referralId)
                .stream().findFirst();
    }

    /**
     * Referrals in a status (AWAITING, LISTED, DECIDED, WITHDRAWN, CLOSED) and conditions status (e.g.
     * COMPLETION_NOT_RECORDED), the longest-waiting first.
     */
    public List<CaseSummary> referrals(String status, String youthJusticeService, String conditionsStatus) {
        return jdbc.query("""
                SELECT * FROM referral_view WHERE (?::text IS NULL OR status = ?)
                  AND (?::text IS NULL OR youth_justice_service = ?)
                  AND (?::text IS NULL OR conditions_status = ?)
                ORDER BY decision_due_date, referral_id""", (rs, n) -> summary(rs),
                status, status, youthJusticeService, youthJusticeService, conditionsStatus, conditionsStatus);
    }

    /**
     * Undecided referrals whose due date is before {@code today}, not yet marked overdue, and received before
     * {@code receivedBefore} (a referral that arrived late is left alone for its grace).
     */
    public List<String> overdueUnmarked(LocalDate today, Instant receivedBefore) {
        return jdbc.queryForList("""
                SELECT referral_id FROM referral_view WHERE status IN ('AWAITING', 'LISTED') AND NOT overdue
                  AND decision_due_date < ? AND (received_at IS NULL OR received_at < ?)""", String.class, today,
                OffsetDateTime.ofInstant(receivedBefore, ZoneOffset.UTC));
    }

    /** Conditional cautions whose conditions ended before {@code today} with nothing recorded and not yet flagged. */
    public List<String> conditionsEndedUnflagged(LocalDate today) {
        return jdbc.queryForList("""
                SELECT referral_id FROM referral_view WHERE conditions_status = 'RUNNING'
                  AND conditions_end_date < ?""", String.class, today);
    }

    private CaseSummary summary(ResultSet rs) throws SQLException {
        String referralId = rs.getString("referral_id");
        return new CaseSummary(referralId, rs.getString("child_id"), rs.getString("offence_id"),
                rs.getString("youth_justice_service"), rs.getObject("referral_date", LocalDate.class),
                rs.getObject("decision_due_date", LocalDate.class), rs.getBoolean("overdue"),
                (Integer) rs.getObject("gravity_score"), rs.getBoolean("admitted"), rs.getString("status"),
                rs.getString("panel_id"), rs.getObject("meeting_date", LocalDate.class),
                rs.getString("assessment_status"), rs.getString("assessment_tool"), victims(referralId),
                rs.getString("decision_id"), rs.getString("outcome_code"),
                rs.getObject("conditions_end_date", LocalDate.class), rs.getString("conditions_status"));
    }

    private List<Victim> victims(String referralId) {
        return jdbc.query("SELECT * FROM victim_view WHERE referral_id = ? ORDER BY victim_id", (rs, n) -> new Victim(
                rs.getString("victim_id"), rs.getObject("contacted_on", LocalDate.class), rs.getString("result"),
                rs.getBoolean("consented_to_contact"), rs.getBoolean("restorative_justice_offered")), referralId);
    }
}
