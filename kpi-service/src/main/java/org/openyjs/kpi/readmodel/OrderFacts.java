package org.openyjs.kpi.readmodel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Interventions and orders that ended, with the child's circumstances at the end (the latest END
 * StatusRecorded for the order recorded before the as-of cut): what YJB KPIs 1 to 7 and the local ETE
 * measure count. An order's end counts when its OrderEnded was recorded before the cut.
 */
@Component
public class OrderFacts {

    /** An order that ended: the unit (order type as code, end date as date), its kind, reason and end status. */
    public record EndedOrder(Counted unit, String kind, String endReason, EndStatus status) {
    }

    /** The END snapshot; null fields where the snapshot did not carry that part. */
    public record EndStatus(Boolean accommodationSuitable, Boolean eteSchoolAge, String eteStatus, Boolean eteSuitable,
                            Boolean sendIdentifiedNeed, Boolean sendFormalPlan,
                            Boolean mentalHealthNeed, Boolean mentalHealthPlannedOrOffered, Boolean mentalHealthAttending,
                            Boolean substanceMisuseNeed, Boolean substanceMisusePlannedOrOffered,
                            Boolean substanceMisuseAttending,
                            Boolean lookedAfter, Boolean childProtectionPlan, Boolean childInNeedPlan, Boolean earlyHelp) {
    }

    private final JdbcClient jdbc;

    private final ServiceScope scope;

    private final PrecomputedOutcomes precomputed;

    public OrderFacts(JdbcClient jdbc, ServiceScope scope, PrecomputedOutcomes precomputed) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.precomputed = precomputed;
    }

    /**
     * The service's orders of one of the kinds (and, when given, order types) that ended within [from, to],
     * in end-date order. Now: read from the precomputed ended orders (V12 kpi_ended_order, the child and the latest END
     * status copied in); as of a cut (or while a rebuild defers the precomputed tables) from the facts.
     */
    public List<EndedOrder> ended(String service, Collection<String> kinds, Collection<String> orderTypes,
                                  LocalDate from, LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        String sql = recordedBefore == null ? """
                SELECT o.child_id, o.end_event_id AS event_id, o.order_type AS outcome_code,
                       o.end_date AS outcome_date, o.end_recorded_at AS recorded_at, o.kind, o.end_reason,
                       o.date_of_birth, o.sex, o.ethnicity, o.status_event_id, o.accommodation_suitable,
                       o.ete_school_age, o.ete_status, o.ete_suitable, o.send_identified_need, o.send_formal_plan,
                       o.mh_need, o.mh_planned_or_offered, o.mh_attending, o.sm_need, o.sm_planned_or_offered,
                       o.sm_attending, o.looked_after, o.child_protection_plan, o.child_in_need_plan, o.early_help
                FROM kpi_ended_order o
                WHERE (o.home_service IN (:services) OR (o.transferred AND EXISTS (
                          SELECT 1 FROM kpi_transfer t
                          WHERE t.child_id = o.child_id AND t.youth_justice_service IN (:services))))
                  AND %s AND o.end_date BETWEEN :from AND :to
                  AND o.kind IN (:kinds) AND (:anyType OR o.order_type IN (:types))
                ORDER BY o.end_date, o.child_id, o.order_id
                """.formatted(ServiceScope.responsibleOn("o", "o.end_date")) : """
                        SELECT o.child_id, o.end_event_id AS event_id, o.order_type AS outcome_code,
                               o.end_date AS outcome_date, o.end_recorded_at AS recorded_at, o.kind, o.end_reason,
                               c.date_of_birth, c.sex, c.ethnicity, s.*
                        FROM kpi_order o
                        JOIN kpi_child c ON c.child_id = o.child_id
                        LEFT JOIN LATERAL (
                            SELECT s.event_id AS status_event_id, s.accommodation_suitable, s.ete_school_age, s.ete_status, s.ete_suitable,
                                   s.send_identified_need, s.send_formal_plan, s.mh_need, s.mh_planned_or_offered,
                                   s.mh_attending, s.sm_need, s.sm_planned_or_offered, s.sm_attending, s.looked_after,
                                   s.child_protection_plan, s.child_in_need_plan, s.early_help
                            FROM kpi_status s
                            WHERE s.child_id = o.child_id AND s.order_id = o.order_id AND s.point = 'END'
                              AND (s.recorded_at IS NULL OR s.recorded_at < :recordedBefore)
                            ORDER BY s.seq DESC LIMIT 1
                        ) s ON true
                        WHERE %s AND %s AND o.end_date BETWEEN :from AND :to
                          AND o.kind IN (:kinds) AND (:anyType OR o.order_type IN (:types))
                          AND (o.end_recorded_at IS NULL OR o.end_recorded_at < :recordedBefore)
                        ORDER BY o.end_date, o.child_id, o.order_id
                        """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("o.end_date"));
        return jdbc.sql(sql)
                .param("services", scope.services(service)).param("kinds", kinds).param("from", from).param("to", to)
                .param("anyType", orderTypes.isEmpty())
                .param("types", orderTypes.isEmpty() ? List.of("") : orderTypes)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query(OrderFacts::ended).list();
    }

    private static EndedOrder ended(ResultSet rs, int row) throws SQLException {
        EndStatus status = rs.getString("status_event_id") == null ? null : new EndStatus(
                bool(rs, "accommodation_suitable"), bool(rs, "ete_school_age"), rs.getString("ete_status"),
                bool(rs, "ete_suitable"), bool(rs, "send_identified_need"), bool(rs, "send_formal_plan"),
                bool(rs, "mh_need"), bool(rs, "mh_planned_or_offered"), bool(rs, "mh_attending"),
                bool(rs, "sm_need"), bool(rs, "sm_planned_or_offered"), bool(rs, "sm_attending"),
                bool(rs, "looked_after"), bool(rs, "child_protection_plan"), bool(rs, "child_in_need_plan"),
                bool(rs, "early_help"));
        return new EndedOrder(OutcomeFacts.counted(rs, row), rs.getString("kind"), rs.getString("end_reason"), status);
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
