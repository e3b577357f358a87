package org.openyjs.panel.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.panel.api.ReferralCommands.RecordScrutinyFinding;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the panel accounts for itself: decisions by outcome, timeliness, overrides, and the scrutiny
 * panel's sample and findings. Periods are inclusive and by decision date (business time).
 */
@Tag(name = "Panel accountability", description = "Decisions, timeliness, overrides and scrutiny")
@RestController
public class PanelReports {

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    public PanelReports(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    public record DecisionsByOutcome(LocalDate from, LocalDate to, String youthJusticeService, int total,
                                     Map<String, Integer> byOutcome) {
    }

    public record Timeliness(LocalDate from, LocalDate to, String youthJusticeService, int decided,
                             int decidedInTime, BigDecimal shareDecidedInTime, BigDecimal averageWorkingDays,
                             int undecidedOverdue) {
    }

    /**
     * A decision taken on a chair's override.
     *
     * @param kind   ASSESSMENT_NOT_QUALITY_ASSURED or PANEL_NOT_QUORATE
     * @param detail for a quorum override, what the meeting lacked
     */
    public record Override(String decisionId, String referralId, String panelId, String youthJusticeService,
                           LocalDate decisionDate, String outcomeCode, String kind, String reason, String detail) {
    }

    public record ScrutinySample(String decisionId, String referralId, String outcomeCode, List<String> reasons,
                                 String finding, String learningPoint, LocalDate findingRecordedOn) {
    }

    record FindingRequest(@NotBlank @Pattern(regexp = "APPROPRIATE|NOT_APPROPRIATE|LEARNING_POINT",
            message = "must be APPROPRIATE, NOT_APPROPRIATE or LEARNING_POINT") String finding,
                          @Size(max = 4000) String learningPoint) {
    }

    @Operation(summary = "Decisions in a period, counted by outcome (as last amended)")
    @GetMapping("/decisions")
    public DecisionsByOutcome decisions(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                        @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                        @Parameter(description = "e.g. leicester-city; omit for the partnership")
                                        @RequestParam(required = false) String youthJusticeService) {
        period(from, to);
        Map<String, Integer> byOutcome = new LinkedHashMap<>();
        jdbc.query("""
                SELECT outcome_code, count(*) AS n FROM decision_view WHERE decision_date BETWEEN ? AND ?
                  AND (?::text IS NULL OR youth_justice_service = ?) GROUP BY outcome_code ORDER BY outcome_code""",
                rs -> {
                    byOutcome.put(rs.getString("outcome_code"), rs.getInt("n"));
                }, from, to, youthJusticeService, youthJusticeService);
        return new DecisionsByOutcome(from, to, youthJusticeService,
                byOutcome.values().stream().mapToInt(Integer::intValue).sum(), byOutcome);
    }

    @Operation(summary = "Timeliness: referral to decision in working days, and the share decided in time",
            description = "In time: decided on or before the due date (panel.timeliness.decision-due-working-days "
                    + "working days after the referral). undecidedOverdue counts cases overdue now.")
    @GetMapping("/timeliness")
    public Timeliness timeliness(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                 @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                 @RequestParam(required = false) String youthJusticeService) {
        period(from, to);
        return jdbc.queryForObject("""
                SELECT count(*) AS decided, count(*) FILTER (WHERE decided_in_time) AS in_time,
                       avg(working_days) AS avg_days,
                       (SELECT count(*) FROM referral_view r WHERE r.overdue AND r.status IN ('AWAITING', 'LISTED')
                          AND (?::text IS NULL OR r.youth_justice_service = ?)) AS overdue
                FROM decision_view WHERE decision_date BETWEEN ? AND ?
                  AND (?::text IS NULL OR youth_justice_service = ?)""",
                (rs, n) -> {
                    int decided = rs.getInt("decided");
                    int inTime = rs.getInt("in_time");
                    BigDecimal avg = rs.getBigDecimal("avg_days");
                    return new Timeliness(from, to, youthJusticeService, decided, inTime,
                            decided == 0 ? null : BigDecimal.valueOf(inTime).divide(BigDecimal.valueOf(decided), 3,
                                    RoundingMode.HALF_UP),
                            avg == null ? null : avg.setScale(1, RoundingMode.HALF_UP), rs.getInt("overdue"));
                }, youthJusticeService, youthJusticeService, from, to, youthJusticeService, youthJusticeService);
    }

    @Operation(summary = "Decisions made on a chair's override: of an assessment not quality-assured "
            + "(ASSESSMENT_NOT_QUALITY_ASSURED) or of a meeting that was not quorate (PANEL_NOT_QUORATE)",
            description = "One row per override; a decision with both appears twice.")
    @GetMapping("/overrides")
    public List<Override> overrides(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                    @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        period(from, to);
        return jdbc.query("""
                SELECT d.*, o.kind, o.reason, o.detail FROM (
                    SELECT decision_id, 'ASSESSMENT_NOT_QUALITY_ASSURED' AS kind, assessment_override AS reason,
                           NULL AS detail FROM decision_view WHERE assessment_override IS NOT NULL
                    UNION ALL
                    SELECT decision_id, 'PANEL_NOT_QUORATE', reason, shortfall FROM quorum_override) o
                JOIN decision_view d ON d.decision_id = o.decision_id
                WHERE d.decision_date BETWEEN ? AND ?
                ORDER BY d.decision_date, d.decision_id, o.kind""",
                (rs, n) -> new Override(rs.getString("decision_id"), rs.getString("referral_id"),
                        rs.getString("panel_id"), rs.getString("youth_justice_service"),
                        rs.getObject("decision_date", LocalDate.class), rs.getString("outcome_code"),
                        rs.getString("kind"), rs.getString("reason"), rs.getString("detail")), from, to);
    }

    @Operation(summary = "Decisions sampled for the multi-agency scrutiny panel, with its findings",
            description = "Sampled: every outcome in panel.scrutiny.always-outcomes, every override, and a "
                    + "reproducible random share (panel.scrutiny.random-rate, seeded). finding: filter, or PENDING.")
    @GetMapping("/scrutiny/samples")
    public List<ScrutinySample> samples(@RequestParam(required = false)
                                        @Pattern(regexp = "PENDING|APPROPRIATE|NOT_APPROPRIATE|LEARNING_POINT")
                                        String finding) {
        return jdbc.query("""
                SELECT * FROM scrutiny_sample WHERE ?::text IS NULL OR coalesce(finding, 'PENDING') = ?
                ORDER BY sampled_at, decision_id""", (rs, n) -> new ScrutinySample(rs.getString("decision_id"),
                rs.getString("referral_id"), rs.getString("outcome_code"), List.of(rs.getString("reasons").split(",")),
                rs.getString("finding"), rs.getString("learning_point"),
                rs.getObject("finding_recorded_on", LocalDate.class)), finding, finding);
    }

    @Operation(summary = "Record the scrutiny panel's finding on a sampled decision",
            description = "APPROPRIATE, NOT_APPROPRIATE or LEARNING_POINT (which needs learningPoint). Once per decision.")
    @PostMapping("/scrutiny/samples/{decisionId}/finding")
    public ScrutinySample finding(@PathVariable String decisionId, @Valid @RequestBody FindingRequest request) {
        List<String> referral = jdbc.queryForList("SELECT referral_id FROM scrutiny_sample WHERE decision_id = ?",
                String.class, decisionId);
        if (referral.isEmpty()) {
            throw DomainRefusal.notFound("decisionId", "decision " + decisionId + " was not sampled for scrutiny");
        }
        commands.sendAndWait(new RecordScrutinyFinding(referral.get(0), decisionId, request.finding(),
                request.learningPoint()));
        return new ScrutinySample(decisionId, referral.get(0), null, List.of(), request.finding(),
                request.learningPoint(), null);
    }

    private static void period(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new DomainRefusal("from", "from must not be after to");
        }
    }
}
