package org.openyjs.kpi.readmodel;

import org.openyjs.kpi.readmodel.Condition.Column;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    // What conditions on an ended order read: the listed row's column and the order's value of it, which the row mapping
    // reads from that same column. An order without an END status has none of its answers (as a status that carried
    // no part): a denominator that needs nothing of the status has it, and a numerator adds HAS_END_STATUS.
    public static final Column<EndedOrder, Boolean> ACCOMMODATION_SUITABLE =
            answer("accommodation_suitable", EndStatus::accommodationSuitable);
    public static final Column<EndedOrder, Boolean> ETE_SCHOOL_AGE = answer("ete_school_age", EndStatus::eteSchoolAge);
    public static final Column<EndedOrder, String> ETE_STATUS = answer("ete_status", EndStatus::eteStatus);
    public static final Column<EndedOrder, Boolean> ETE_SUITABLE = answer("ete_suitable", EndStatus::eteSuitable);
    public static final Column<EndedOrder, Boolean> SEND_IDENTIFIED_NEED =
            answer("send_identified_need", EndStatus::sendIdentifiedNeed);
    public static final Column<EndedOrder, Boolean> SEND_FORMAL_PLAN = answer("send_formal_plan", EndStatus::sendFormalPlan);
    public static final Column<EndedOrder, Boolean> MENTAL_HEALTH_NEED = answer("mh_need", EndStatus::mentalHealthNeed);
    public static final Column<EndedOrder, Boolean> MENTAL_HEALTH_PLANNED_OR_OFFERED =
            answer("mh_planned_or_offered", EndStatus::mentalHealthPlannedOrOffered);
    public static final Column<EndedOrder, Boolean> MENTAL_HEALTH_ATTENDING =
            answer("mh_attending", EndStatus::mentalHealthAttending);
    public static final Column<EndedOrder, Boolean> SUBSTANCE_MISUSE_NEED = answer("sm_need", EndStatus::substanceMisuseNeed);
    public static final Column<EndedOrder, Boolean> SUBSTANCE_MISUSE_PLANNED_OR_OFFERED =
            answer("sm_planned_or_offered", EndStatus::substanceMisusePlannedOrOffered);
    public static final Column<EndedOrder, Boolean> SUBSTANCE_MISUSE_ATTENDING =
            answer("sm_attending", EndStatus::substanceMisuseAttending);
    public static final Column<EndedOrder, Boolean> LOOKED_AFTER = answer("looked_after", EndStatus::lookedAfter);
    public static final Column<EndedOrder, Boolean> CHILD_PROTECTION_PLAN =
            answer("child_protection_plan", EndStatus::childProtectionPlan);
    public static final Column<EndedOrder, Boolean> CHILD_IN_NEED_PLAN =
            answer("child_in_need_plan", EndStatus::childInNeedPlan);
    public static final Column<EndedOrder, Boolean> EARLY_HELP = answer("early_help", EndStatus::earlyHelp);
    public static final Column<EndedOrder, String> END_REASON = new Column<>("end_reason", EndedOrder::endReason);
    /** An END status was recorded (before the cut). */
    public static final Condition<EndedOrder> HAS_END_STATUS =
            new Column<EndedOrder, EndStatus>("status_event_id", EndedOrder::status).known();

    private static <V> Column<EndedOrder, V> answer(String column, Function<EndStatus, V> answer) {
        return new Column<>(column, o -> o.status() == null ? null : answer.apply(o.status()));
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
     * in end-date order.
     */
    public List<EndedOrder> ended(String service, Collection<String> kinds, Collection<String> orderTypes,
                                  LocalDate from, LocalDate to, Instant recordedBefore) {
        return endedOrders(service, kinds, orderTypes, from, to, recordedBefore).list();
    }

    /**
     * {@link #ended}'s orders, to list or to count. Now: read from the precomputed ended orders (V12 kpi_ended_order,
     * the child and the latest END status copied in); as of a cut (or while a rebuild defers the precomputed tables)
     * from the facts. Either way a row names the END status's answers by kpi_ended_order's columns (null where there
     * is no END status), which the conditions on ended orders read.
     */
    public UnitQuery<EndedOrder> endedOrders(String service, Collection<String> kinds, Collection<String> orderTypes,
                                             LocalDate from, LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        String endedInPeriod = "o.end_date BETWEEN :from AND :to AND o.kind IN (:kinds) AND (:anyType OR o.order_type IN (:types))";
        String rows = recordedBefore == null ? """
                SELECT o.*, o.end_event_id AS event_id, o.order_type AS outcome_code, o.end_date AS outcome_date,
                       o.end_recorded_at AS recorded_at
                FROM (%s) o
                """.formatted(ServiceScope.candidateRows("kpi_ended_order", "o", "o.end_date", endedInPeriod)) : """
                SELECT o.child_id, o.order_id, o.end_event_id AS event_id, o.order_type AS outcome_code,
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
                WHERE %s AND %s AND %s
                  AND (o.end_recorded_at IS NULL OR o.end_recorded_at < :recordedBefore)
                """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("o.end_date"), endedInPeriod);
        return new SqlUnitQuery<>(jdbc, rows, "e.outcome_date, e.child_id, e.order_id", Map.of(
                "services", scope.services(service), "kinds", kinds, "from", from, "to", to,
                "anyType", orderTypes.isEmpty(), "types", orderTypes.isEmpty() ? List.of("") : orderTypes,
                "recordedBefore", OutcomeFacts.cut(recordedBefore)), OrderFacts::ended);
    }

    private static EndedOrder ended(ResultSet rs, int row) throws SQLException {
        EndStatus status = rs.getString("status_event_id") == null ? null : new EndStatus(
                bool(rs, ACCOMMODATION_SUITABLE), bool(rs, ETE_SCHOOL_AGE), rs.getString(ETE_STATUS.name()),
                bool(rs, ETE_SUITABLE), bool(rs, SEND_IDENTIFIED_NEED), bool(rs, SEND_FORMAL_PLAN),
                bool(rs, MENTAL_HEALTH_NEED), bool(rs, MENTAL_HEALTH_PLANNED_OR_OFFERED), bool(rs, MENTAL_HEALTH_ATTENDING),
                bool(rs, SUBSTANCE_MISUSE_NEED), bool(rs, SUBSTANCE_MISUSE_PLANNED_OR_OFFERED),
                bool(rs, SUBSTANCE_MISUSE_ATTENDING), bool(rs, LOOKED_AFTER), bool(rs, CHILD_PROTECTION_PLAN),
                bool(rs, CHILD_IN_NEED_PLAN), bool(rs, EARLY_HELP));
        return new EndedOrder(OutcomeFacts.counted(rs, row), rs.getString("kind"), rs.getString(END_REASON.name()), status);
    }

    private static Boolean bool(ResultSet rs, Column<EndedOrder, Boolean> column) throws SQLException {
        boolean value = rs.getBoolean(column.name());
        return rs.wasNull() ? null : value;
    }
}
