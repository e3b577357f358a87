package org.openyjs.kpi.readmodel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Victims of the service's children's offences contacted in a period: what YJB KPI 10 counts. */
@Component
public class VictimFacts {

    /**
     * A victim (per child's case and pseudonymous victim id) and the last contact with them dated in the
     * period and recorded before the cut. The unit's code is the contact result, its date the contact day.
     */
    public record VictimContact(Counted unit, boolean consentedToContact, boolean restorativeJusticeOffered,
                                Boolean keptInformed, Boolean restorativeJusticeParticipated,
                                Boolean supportReferralMade) {
    }

    private final JdbcClient jdbc;

    private final ServiceScope scope;

    private final PrecomputedOutcomes precomputed;

    public VictimFacts(JdbcClient jdbc, ServiceScope scope, PrecomputedOutcomes precomputed) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.precomputed = precomputed;
    }

    /**
     * Now: from the precomputed contacts (V12 kpi_effective_victim_contact, the child's registration copied in); as
     * of a cut (or while a rebuild defers the precomputed tables) from the facts.
     */
    public List<VictimContact> contacted(String service, LocalDate from, LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        String sql = recordedBefore == null ? """
                SELECT * FROM (
                    SELECT DISTINCT ON (v.child_id, v.victim_id)
                           v.child_id, v.event_id, v.result AS outcome_code, v.contacted_on AS outcome_date,
                           v.recorded_at, v.consented_to_contact, v.restorative_justice_offered,
                           v.kept_informed, v.restorative_justice_participated, v.support_referral_made,
                           v.date_of_birth, v.sex, v.ethnicity
                    FROM kpi_effective_victim_contact v
                    WHERE (v.home_service IN (:services) OR (v.transferred AND EXISTS (
                              SELECT 1 FROM kpi_transfer t
                              WHERE t.child_id = v.child_id AND t.youth_justice_service IN (:services))))
                      AND %s AND v.contacted_on BETWEEN :from AND :to
                    ORDER BY v.child_id, v.victim_id, v.contacted_on DESC, v.seq DESC
                ) latest ORDER BY latest.outcome_date, latest.event_id
                """.formatted(ServiceScope.responsibleOn("v", "v.contacted_on")) : """
                        SELECT * FROM (
                            SELECT DISTINCT ON (v.child_id, v.victim_id)
                                   v.child_id, v.event_id, v.result AS outcome_code, v.contacted_on AS outcome_date,
                                   v.recorded_at, v.consented_to_contact, v.restorative_justice_offered,
                                   v.kept_informed, v.restorative_justice_participated, v.support_referral_made,
                                   c.date_of_birth, c.sex, c.ethnicity
                            FROM kpi_victim_contact v
                            JOIN kpi_child c ON c.child_id = v.child_id
                            WHERE %s AND %s AND v.contacted_on BETWEEN :from AND :to
                              AND (v.recorded_at IS NULL OR v.recorded_at < :recordedBefore)
                            ORDER BY v.child_id, v.victim_id, v.contacted_on DESC, v.seq DESC
                        ) latest ORDER BY latest.outcome_date, latest.event_id
                        """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("v.contacted_on"));
        return jdbc.sql(sql)
                .param("services", scope.services(service)).param("from", from).param("to", to)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query((rs, row) -> new VictimContact(OutcomeFacts.counted(rs, row),
                        rs.getBoolean("consented_to_contact"), rs.getBoolean("restorative_justice_offered"),
                        (Boolean) rs.getObject("kept_informed"), (Boolean) rs.getObject("restorative_justice_participated"),
                        (Boolean) rs.getObject("support_referral_made")))
                .list();
    }
}
