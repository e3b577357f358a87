package org.openyjs.kpi.readmodel;

import org.openyjs.kpi.readmodel.Condition.Column;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

    // What conditions on a victim contacted read: the listed row's column and the contact's value of it, which the row
    // mapping reads from that same column.
    public static final Column<VictimContact, Boolean> CONSENTED_TO_CONTACT =
            new Column<>("consented_to_contact", VictimContact::consentedToContact);
    public static final Column<VictimContact, String> RESULT = new Column<>("outcome_code", v -> v.unit().outcomeCode());
    public static final Column<VictimContact, Boolean> RESTORATIVE_JUSTICE_OFFERED =
            new Column<>("restorative_justice_offered", VictimContact::restorativeJusticeOffered);
    public static final Column<VictimContact, Boolean> KEPT_INFORMED = new Column<>("kept_informed", VictimContact::keptInformed);
    public static final Column<VictimContact, Boolean> RESTORATIVE_JUSTICE_PARTICIPATED =
            new Column<>("restorative_justice_participated", VictimContact::restorativeJusticeParticipated);
    public static final Column<VictimContact, Boolean> SUPPORT_REFERRAL_MADE =
            new Column<>("support_referral_made", VictimContact::supportReferralMade);

    private final JdbcClient jdbc;

    private final ServiceScope scope;

    private final PrecomputedOutcomes precomputed;

    public VictimFacts(JdbcClient jdbc, ServiceScope scope, PrecomputedOutcomes precomputed) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.precomputed = precomputed;
    }

    public List<VictimContact> contacted(String service, LocalDate from, LocalDate to, Instant recordedBefore) {
        return victimsContacted(service, from, to, recordedBefore).list();
    }

    /**
     * {@link #contacted}'s victims, to list or to count. Now: from the precomputed contacts (V12
     * kpi_effective_victim_contact, the child's registration copied in); as of a cut (or while a rebuild defers the
     * precomputed tables) from the facts.
     */
    public UnitQuery<VictimContact> victimsContacted(String service, LocalDate from, LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        // Each victim's latest contact: ids compared byte by byte (COLLATE "C": the same victims, sorted faster).
        String contact = """
                SELECT DISTINCT ON (v.child_id COLLATE "C", v.victim_id COLLATE "C")
                       v.child_id, v.event_id, v.result AS outcome_code, v.contacted_on AS outcome_date,
                       v.recorded_at, v.consented_to_contact, v.restorative_justice_offered,
                       v.kept_informed, v.restorative_justice_participated, v.support_referral_made,
                       %s
                """;
        String latest = "ORDER BY v.child_id COLLATE \"C\", v.victim_id COLLATE \"C\", v.contacted_on DESC, v.seq DESC";
        String rows = recordedBefore == null ? contact.formatted("v.date_of_birth, v.sex, v.ethnicity") + """
                FROM (%s) v
                %s
                """.formatted(ServiceScope.candidateRows("kpi_effective_victim_contact", "v", "v.contacted_on",
                "v.contacted_on BETWEEN :from AND :to"), latest)
                : contact.formatted("c.date_of_birth, c.sex, c.ethnicity") + """
                FROM kpi_victim_contact v
                JOIN kpi_child c ON c.child_id = v.child_id
                WHERE %s AND %s AND v.contacted_on BETWEEN :from AND :to
                  AND (v.recorded_at IS NULL OR v.recorded_at < :recordedBefore)
                %s
                """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("v.contacted_on"), latest);
        return new SqlUnitQuery<>(jdbc, rows, "e.outcome_date, e.event_id", Map.of("services", scope.services(service),
                "from", from, "to", to, "recordedBefore", OutcomeFacts.cut(recordedBefore)),
                (rs, row) -> new VictimContact(OutcomeFacts.counted(rs, row),
                        rs.getBoolean(CONSENTED_TO_CONTACT.name()), rs.getBoolean(RESTORATIVE_JUSTICE_OFFERED.name()),
                        answer(rs, KEPT_INFORMED), answer(rs, RESTORATIVE_JUSTICE_PARTICIPATED),
                        answer(rs, SUPPORT_REFERRAL_MADE)));
    }

    private static Boolean answer(ResultSet rs, Column<VictimContact, Boolean> column) throws SQLException {
        return (Boolean) rs.getObject(column.name());
    }
}
