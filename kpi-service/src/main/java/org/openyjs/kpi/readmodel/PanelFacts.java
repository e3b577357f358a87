package org.openyjs.kpi.readmodel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Out-of-court panel decisions with the referral they answer: panel timeliness. */
@Component
public class PanelFacts {

    /**
     * A decision dated in the period (unit: outcome code decided, decision date) and the day the
     * child's offence was referred (the latest referral of that offence on or before the decision).
     */
    public record Decided(Counted unit, LocalDate referralDate) {
    }

    private final JdbcClient jdbc;

    private final ServiceScope scope;

    public PanelFacts(JdbcClient jdbc, ServiceScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** Decisions in [from, to] that answer a recorded referral; decisions without one are left out. */
    public List<Decided> decisions(String service, LocalDate from, LocalDate to, Instant recordedBefore) {
        return jdbc.sql("""
                        SELECT d.child_id, d.event_id, d.outcome_code, d.decision_date AS outcome_date, d.recorded_at,
                               c.date_of_birth, c.sex, c.ethnicity, r.referral_date
                        FROM kpi_panel_decision d
                        JOIN kpi_child c ON c.child_id = d.child_id
                        JOIN LATERAL (
                            SELECT r.referral_date FROM kpi_oocd_referral r
                            WHERE r.child_id = d.child_id AND r.offence_id = d.offence_id
                              AND r.referral_date <= d.decision_date
                              AND (r.recorded_at IS NULL OR r.recorded_at < :recordedBefore)
                            ORDER BY r.referral_date DESC LIMIT 1
                        ) r ON true
                        WHERE %s AND %s AND d.decision_date BETWEEN :from AND :to
                          AND (d.recorded_at IS NULL OR d.recorded_at < :recordedBefore)
                        ORDER BY d.decision_date, d.event_id
                        """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("d.decision_date")))
                .param("services", scope.services(service)).param("from", from).param("to", to)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query((rs, row) -> new Decided(OutcomeFacts.counted(rs, row),
                        rs.getObject("referral_date", LocalDate.class)))
                .list();
    }
}
