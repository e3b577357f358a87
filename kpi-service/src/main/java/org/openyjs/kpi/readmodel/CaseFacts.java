package org.openyjs.kpi.readmodel;

import org.openyjs.kpi.rules.CountingRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The facts of custody, remands, transfers and closures, audits, PSRs and home visits that the later
 * measures count, selected in PostgreSQL like {@link OutcomeFacts}: for the service(s) asked (transfers
 * decide who counts a child on a day, {@link ServiceScope}) and as known before the as-of cut.
 */
@Component
public class CaseFacts {

    private final JdbcClient jdbc;
    private final ServiceScope scope;
    private final PrecomputedOutcomes precomputed;

    public CaseFacts(JdbcClient jdbc, ServiceScope scope, PrecomputedOutcomes precomputed) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.precomputed = precomputed;
    }

    /**
     * A release from custody dated in the period (unit: release type as code, release day as date), the
     * expected release date (the admission's, else the first referral's) and the first accommodation referral.
     */
    public record Release(Counted unit, String orderId, LocalDate expectedReleaseDate, LocalDate firstReferral) {
    }

    public List<Release> releases(String service, Collection<String> releaseTypes, LocalDate from, LocalDate to,
                                  Instant recordedBefore) {
        return jdbc.sql("""
                        SELECT r.child_id, r.event_id, r.release_type AS outcome_code, r.released_on AS outcome_date,
                               r.recorded_at, r.order_id, c.date_of_birth, c.sex, c.ethnicity,
                               COALESCE((SELECT e.expected_release_date FROM kpi_custody_entry e
                                         WHERE e.child_id = r.child_id AND e.order_id = r.order_id AND e.expected_release_date IS NOT NULL
                                           AND (e.recorded_at IS NULL OR e.recorded_at < :recordedBefore)
                                         ORDER BY e.admitted_on DESC LIMIT 1),
                                        (SELECT min(x.expected_release_date) FROM kpi_resettlement_referral x
                                         WHERE x.child_id = r.child_id AND x.order_id = r.order_id
                                           AND (x.recorded_at IS NULL OR x.recorded_at < :recordedBefore)))
                                   AS expected_release_date,
                               (SELECT min(x.referred_on) FROM kpi_resettlement_referral x
                                WHERE x.child_id = r.child_id AND x.order_id = r.order_id
                                  AND (x.recorded_at IS NULL OR x.recorded_at < :recordedBefore)) AS first_referral
                        FROM kpi_custody_release r
                        JOIN kpi_child c ON c.child_id = r.child_id
                        WHERE %s AND %s AND r.released_on BETWEEN :from AND :to AND r.release_type IN (:types)
                          AND (r.recorded_at IS NULL OR r.recorded_at < :recordedBefore)
                        ORDER BY r.released_on, r.event_id
                        """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("r.released_on")))
                .param("services", scope.services(service)).param("types", releaseTypes).param("from", from)
                .param("to", to).param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query((rs, row) -> new Release(OutcomeFacts.counted(rs, row), rs.getString("order_id"),
                        rs.getObject("expected_release_date", LocalDate.class),
                        rs.getObject("first_referral", LocalDate.class)))
                .list();
    }

    /** A remand as last recorded before the cut (unit: remand type, start day) and whether custody followed. */
    public record Remand(Counted unit, LocalDate startDate, LocalDate endDate, boolean sentencedToCustody) {
    }

    /** The latest row of each remand recorded before the cut, with the custodial outcomes that followed it. */
    private static final String REMANDS = """
            SELECT r.child_id, r.event_id, r.remand_type AS outcome_code, r.start_date, r.end_date, r.recorded_at,
                   c.date_of_birth, c.sex, c.ethnicity, c.youth_justice_service AS home_service, c.transferred,
                   EXISTS (SELECT 1 FROM kpi_outcome o
                           LEFT JOIN LATERAL (
                               SELECT k.outcome_code, k.outcome_date FROM kpi_outcome_correction k
                               WHERE o.corrected AND k.root_event_id = o.event_id
                                 AND (k.recorded_at IS NULL OR k.recorded_at < :recordedBefore)
                               ORDER BY k.seq DESC LIMIT 1) k ON true
                           WHERE o.child_id = r.child_id AND (r.offence_id IS NULL OR o.offence_id = r.offence_id)
                             AND (o.recorded_at IS NULL OR o.recorded_at < :recordedBefore)
                             AND COALESCE(k.outcome_code, o.outcome_code) IN (:custodial)
                             AND COALESCE(k.outcome_date, o.outcome_date) >= r.start_date
                             AND (r.end_date IS NULL OR COALESCE(k.outcome_date, o.outcome_date) <= r.end_date + :waitDays))
                       AS sentenced_to_custody
            -- Remand ids are numbered per case: a remand is known by child and remand id (two children's "r1"
            -- are two remands; found by deploy/local's fault-injection oracle).
            FROM (SELECT DISTINCT ON (r.child_id, r.remand_id) r.* FROM kpi_remand r
                  WHERE (r.recorded_at IS NULL OR r.recorded_at < :recordedBefore)
                  ORDER BY r.child_id, r.remand_id, r.seq DESC) r
            JOIN kpi_child c ON c.child_id = r.child_id
            WHERE %s AND r.remand_type IN (:types)
            """.formatted(ServiceScope.CANDIDATE);

    /** Remands that began in the period (the unit's date is the start). */
    public List<Remand> remandsStarted(String service, Collection<String> types, LocalDate from, LocalDate to,
                                       Instant recordedBefore) {
        return remands(service, types, List.of("NONE"), 0, "start_date", from, to, recordedBefore);
    }

    /** Remands that ended in the period (the unit's date is the end), and whether custody followed. */
    public List<Remand> remandsEnded(String service, Collection<String> custodialCodes, int waitDays, LocalDate from,
                                     LocalDate to, Instant recordedBefore) {
        return remands(service, List.of("LOCAL_AUTHORITY_ACCOMMODATION", "YOUTH_DETENTION_ACCOMMODATION"),
                custodialCodes, waitDays, "end_date", from, to, recordedBefore);
    }

    private List<Remand> remands(String service, Collection<String> types, Collection<String> custodial, int waitDays,
                                 String day, LocalDate from, LocalDate to, Instant recordedBefore) {
        return jdbc.sql("SELECT * FROM (" + REMANDS + ") r WHERE r." + day + " BETWEEN :from AND :to AND "
                        + ServiceScope.responsibleOn("r", "r." + day) + " ORDER BY r." + day + ", r.event_id")
                .param("services", scope.services(service)).param("types", types).param("custodial", custodial)
                .param("waitDays", waitDays).param("from", from).param("to", to)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query((rs, row) -> {
                    LocalDate start = rs.getObject("start_date", LocalDate.class);
                    LocalDate end = rs.getObject("end_date", LocalDate.class);
                    java.sql.Timestamp recordedAt = rs.getTimestamp("recorded_at");
                    Counted unit = new Counted(rs.getString("child_id"), rs.getString("event_id"),
                            rs.getString("outcome_code"), day.equals("start_date") ? start : end,
                            recordedAt == null ? null : recordedAt.toInstant(),
                            rs.getObject("date_of_birth", LocalDate.class), rs.getString("sex"), rs.getString("ethnicity"));
                    return new Remand(unit, start, end, rs.getBoolean("sentenced_to_custody"));
                })
                .list();
    }

    /** A court outcome dated in the period (unit: the outcome) and whether the child was seen at home in time. */
    public record Visited(Counted unit, boolean inTime) {
    }

    /**
     * SQL: whether a home visit for the offence of outcome s was made from the start of its day up to the end of
     * :withinDays days after it, in the zone :zone.
     */
    private static final String VISITED_IN_TIME = """
            EXISTS (SELECT 1 FROM kpi_home_visit v
                    WHERE v.child_id = s.child_id AND v.offence_id IS NOT DISTINCT FROM s.offence_id
                      AND v.visited_at >= (s.outcome_date::timestamp AT TIME ZONE :zone)
                      AND v.visited_at < ((s.outcome_date + 1 + :withinDays)::timestamp AT TIME ZONE :zone)
                      AND (v.recorded_at IS NULL OR v.recorded_at < :recordedBefore))""";

    /**
     * The service's outcomes with one of the codes dated in the period, each with whether a home visit for the
     * child's offence was made from the start of the outcome day up to the end of {@code withinDays} days after it,
     * in the zone given.
     */
    public List<Visited> courtOutcomesWithHomeVisits(String service, Collection<String> codes, int withinDays,
                                                     String zone, LocalDate from, LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT s.*, " + VISITED_IN_TIME + " AS in_time FROM (" + OutcomeFacts.periodOutcomes(recordedBefore)
                        + ") s ORDER BY s.outcome_date, s.event_id")
                .params(visitParams(service, codes, withinDays, zone, from, to, recordedBefore, null))
                .query((rs, row) -> new Visited(OutcomeFacts.counted(rs, row), rs.getBoolean("in_time")))
                .list();
    }

    /** {@link #courtOutcomesWithHomeVisits} in the rule's age range, counted: {outcomes, those visited in time}. */
    public long[] courtOutcomeHomeVisitCounts(String service, CountingRule rule, int withinDays, String zone,
                                              LocalDate from, LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT count(*) AS total, count(*) FILTER (WHERE " + VISITED_IN_TIME + ") AS counted FROM ("
                        + OutcomeFacts.periodOutcomes(recordedBefore) + ") s WHERE "
                        + OutcomeFacts.ageInRange("s", "s.outcome_date"))
                .params(visitParams(service, rule.outcomeCodes(), withinDays, zone, from, to, recordedBefore, rule))
                .query(CaseFacts::tally).single();
    }

    private Map<String, Object> visitParams(String service, Collection<String> codes, int withinDays, String zone,
                                            LocalDate from, LocalDate to, Instant recordedBefore, CountingRule rule) {
        Map<String, Object> params = OutcomeFacts.params(scope.services(service), codes, from, to, recordedBefore, rule);
        params.put("withinDays", withinDays);
        params.put("zone", zone);
        return params;
    }

    /** A row of a count of units (total) and of those meeting the condition (counted). */
    private static long[] tally(ResultSet rs, int row) throws SQLException {
        return new long[]{rs.getLong("total"), rs.getLong("counted")};
    }

    /** A sentence dated in the period (unit: the outcome) and what the latest PSR before it proposed. */
    public record Sentenced(Counted unit, String proposedOutcomeCode) {
    }

    /** SQL: joins to sentence s the latest PSR for its offence submitted on or before its day, as p (none: no row). */
    private static final String LATEST_REPORT = """
            -- First the offences with any report by the period's end, all at once (a hash join): many sentences
            -- (discharges, fines) have none, and looking up each of a service-year's ~10,000 cost more than the rest.
            JOIN (SELECT DISTINCT r.child_id, r.offence_id FROM kpi_psr r WHERE r.submitted_on <= :to) r
              ON r.child_id = s.child_id AND r.offence_id = s.offence_id
            JOIN LATERAL (
                SELECT p.proposed_outcome_code FROM kpi_psr p
                WHERE p.child_id = s.child_id AND p.offence_id = s.offence_id
                  AND p.submitted_on <= s.outcome_date
                  AND (p.recorded_at IS NULL OR p.recorded_at < :recordedBefore)
                ORDER BY p.submitted_on DESC, p.event_id DESC LIMIT 1) p ON true""";

    /** Sentences (the codes) dated in the period for an offence with a PSR submitted on or before the sentence day. */
    public List<Sentenced> sentencesWithReports(String service, Collection<String> codes, LocalDate from, LocalDate to,
                                                Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT s.*, p.proposed_outcome_code FROM (" + OutcomeFacts.periodOutcomes(recordedBefore) + ") s "
                        + LATEST_REPORT + " ORDER BY s.outcome_date, s.event_id")
                .params(OutcomeFacts.params(scope.services(service), codes, from, to, recordedBefore, null))
                .query((rs, row) -> new Sentenced(OutcomeFacts.counted(rs, row), rs.getString("proposed_outcome_code")))
                .list();
    }

    /**
     * {@link #sentencesWithReports} in the rule's age range, counted: {sentences, those of the outcome their report
     * proposed}.
     */
    public long[] sentenceWithReportCounts(String service, CountingRule rule, LocalDate from, LocalDate to,
                                           Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT count(*) AS total, count(*) FILTER (WHERE s.outcome_code = p.proposed_outcome_code) AS counted"
                        + " FROM (" + OutcomeFacts.periodOutcomes(recordedBefore) + ") s " + LATEST_REPORT + " WHERE "
                        + OutcomeFacts.ageInRange("s", "s.outcome_date"))
                .params(OutcomeFacts.params(scope.services(service), rule.outcomeCodes(), from, to, recordedBefore, rule))
                .query(CaseFacts::tally).single();
    }

    /**
     * SQL, a query of rows s: each child's first outcome (by date, then event id) of the period's outcomes for an
     * offence of one of :categories with at least :minGravity, the offence as last recorded before the cut.
     */
    private static String firstOutcomesForOffences(Instant recordedBefore) {
        return """
                SELECT DISTINCT ON (s.child_id) s.* FROM (%s) s
                JOIN LATERAL (%s) f ON true
                WHERE f.offence_category IN (:categories) AND f.gravity_score >= :minGravity
                ORDER BY s.child_id, s.outcome_date, s.event_id""".formatted(OutcomeFacts.periodOutcomes(recordedBefore),
                recordedBefore == null
                        // Now: the offence as last recorded is precomputed with the outcome (V10).
                        ? "SELECT s.known_offence_category AS offence_category, s.known_gravity_score AS gravity_score"
                        : """
                                SELECT f.offence_category, f.gravity_score FROM kpi_offence f
                                WHERE f.child_id = s.child_id AND f.offence_id = s.offence_id
                                  AND (f.recorded_at IS NULL OR f.recorded_at < :recordedBefore)
                                ORDER BY f.recorded_at DESC NULLS LAST, f.event_id DESC LIMIT 1""");
    }

    /**
     * Children's first outcome (the codes) in the period for an offence of one of the categories with at least
     * the gravity score (the offence as last recorded before the cut), one per child.
     */
    public List<Counted> firstOutcomesForOffences(String service, Collection<String> codes, Collection<String> categories,
                                                  int minGravityScore, LocalDate from, LocalDate to,
                                                  Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT * FROM (" + firstOutcomesForOffences(recordedBefore)
                        + ") s ORDER BY s.outcome_date, s.event_id")
                .params(offenceParams(service, codes, categories, minGravityScore, from, to, recordedBefore, null))
                .query(OutcomeFacts::counted).list();
    }

    /** How many of {@link #firstOutcomesForOffences} the rule's age range has on their dates. */
    public long firstOutcomeForOffenceCount(String service, CountingRule rule, Collection<String> categories,
                                            int minGravityScore, LocalDate from, LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT count(*) FROM (" + firstOutcomesForOffences(recordedBefore) + ") s WHERE "
                        + OutcomeFacts.ageInRange("s", "s.outcome_date"))
                .params(offenceParams(service, rule.outcomeCodes(), categories, minGravityScore, from, to,
                        recordedBefore, rule))
                .query(Long.class).single();
    }

    private Map<String, Object> offenceParams(String service, Collection<String> codes, Collection<String> categories,
                                              int minGravityScore, LocalDate from, LocalDate to,
                                              Instant recordedBefore, CountingRule rule) {
        Map<String, Object> params = OutcomeFacts.params(scope.services(service), codes, from, to, recordedBefore, rule);
        params.put("categories", categories);
        params.put("minGravity", minGravityScore);
        return params;
    }

    /** An audit dated in the period (unit: the rating as code, the audit day as date). */
    public List<Counted> audits(String service, Collection<String> subjects, LocalDate from, LocalDate to,
                                Instant recordedBefore) {
        return jdbc.sql("""
                        SELECT a.child_id, a.event_id, a.rating AS outcome_code, a.audited_on AS outcome_date,
                               a.recorded_at, c.date_of_birth, c.sex, c.ethnicity
                        FROM kpi_case_audit a
                        JOIN kpi_child c ON c.child_id = a.child_id
                        WHERE %s AND %s AND a.audited_on BETWEEN :from AND :to AND a.subject IN (:subjects)
                          AND (a.recorded_at IS NULL OR a.recorded_at < :recordedBefore)
                        ORDER BY a.audited_on, a.event_id
                        """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("a.audited_on")))
                .param("services", scope.services(service)).param("subjects", subjects).param("from", from)
                .param("to", to).param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query(OutcomeFacts::counted).list();
    }

    /**
     * Open cases on the day: children the service(s) count that day whose case had opened by then (its opening
     * day, else the day it was recorded), whose latest closure or reopening on or before it is not a closure.
     * Unit: code OPEN, the day; the event is the reopening when there was one, else the registration is implied
     * (null).
     */
    public List<Counted> openCases(String service, LocalDate day, Instant recordedBefore) {
        return jdbc.sql("""
                        SELECT c.child_id, x.event_id, 'OPEN' AS outcome_code, CAST(:day AS date) AS outcome_date,
                               c.recorded_at, c.date_of_birth, c.sex, c.ethnicity
                        %s
                        ORDER BY c.child_id
                        """.formatted(OPEN_CASES))
                .param("services", scope.services(service)).param("day", day)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query(OutcomeFacts::counted).list();
    }

    /**
     * How many {@link #openCases} there are. Now: the children registered by the day less the closed spells covering
     * it (V20 kpi_case_closed: a closure until the child's next change, with the child's registration copied in; a
     * child has at most one spell covering a day), two counts read from indexes, no join and no change history; as of
     * a date (or while a rebuild defers the precomputed tables) the same rows as the list, counted.
     */
    public long openCaseCount(String service, LocalDate day, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        String sql = recordedBefore != null ? "SELECT count(*) " + OPEN_CASES : """
                SELECT (SELECT count(*) FROM kpi_child c
                        WHERE NOT c.transferred AND c.youth_justice_service IN (:services) AND %1$s)
                     + (SELECT count(*) FROM kpi_child c WHERE c.transferred AND %2$s AND %3$s AND %1$s)
                     - (SELECT count(*) FROM (%4$s) k)
                """.formatted(REGISTERED_BY_DAY, ServiceScope.CANDIDATE, ServiceScope.responsibleOn("CAST(:day AS date)"),
                ServiceScope.candidateRows("kpi_case_closed", "k", "CAST(:day AS date)", "k.closed_from <= :day "
                        + "AND (k.closed_until IS NULL OR k.closed_until > :day) "
                        + "AND (k.counted_from IS NULL OR k.counted_from <= :day)"));
        return jdbc.sql(sql).param("services", scope.services(service)).param("day", day)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore)).query(Long.class).single();
    }

    /**
     * SQL: child {@code c} registered before the cut, with a case opened by {@code :day}: on its opening day
     * (business time), or, for a registration that carries none (contract v1), by the end of the day it was recorded
     * (or with no recorded time).
     */
    private static final String REGISTERED_BY_DAY = """
            (c.recorded_at IS NULL OR c.recorded_at < :recordedBefore)
              AND CASE WHEN c.opened_on IS NOT NULL THEN c.opened_on <= CAST(:day AS date)
                       -- Recorded by the end of the day in London: one bound, not a time zone conversion per child.
                       ELSE c.recorded_at IS NULL
                            OR c.recorded_at < (CAST(:day AS date) + 1)::timestamp AT TIME ZONE 'Europe/London' END""";

    /** SQL: the children with an open case on {@code :day} (see {@link #openCases}), x their latest change by then. */
    private static final String OPEN_CASES = """
                        FROM kpi_child c
                        -- Each child's latest change on or before the day, all at once (a hash join) rather than
                        -- one lookup per child of the service.
                        LEFT JOIN (
                            SELECT DISTINCT ON (x.child_id) x.child_id, x.event_id, x.change FROM kpi_case_change x
                            WHERE x.changed_on <= :day AND (x.recorded_at IS NULL OR x.recorded_at < :recordedBefore)
                            ORDER BY x.child_id, x.changed_on DESC, x.seq DESC) x ON x.child_id = c.child_id
                        WHERE %s AND %s AND %s
                          AND (x.change IS NULL OR x.change = 'REOPENED')
                        """.formatted(ServiceScope.CANDIDATE, ServiceScope.responsibleOn("CAST(:day AS date)"),
                                      REGISTERED_BY_DAY);

    /**
     * SQL: the children the service(s) count on {@code :day} whose latest StatusRecorded with a looked-after answer,
     * assessed on or before it and recorded before the cut, says looked after (see {@link #lookedAfterOn}).
     */
    private static final String LOOKED_AFTER = """
            SELECT c.child_id, s.event_id, 'LOOKED_AFTER' AS outcome_code, s.assessed AS outcome_date,
                   s.recorded_at, c.date_of_birth, c.sex, c.ethnicity
            -- Only a child with some looked-after answer of yes can count: start from those (an index)
            -- rather than from every child of the service.
            FROM (SELECT DISTINCT y.child_id FROM kpi_status y WHERE y.looked_after) y
            JOIN kpi_child c ON c.child_id = y.child_id
            JOIN LATERAL (
                SELECT s.event_id, s.looked_after, s.recorded_at,
                       COALESCE(s.assessed_on, CAST(s.recorded_at AT TIME ZONE 'Europe/London' AS date)) AS assessed
                FROM kpi_status s
                WHERE s.child_id = c.child_id AND s.looked_after IS NOT NULL
                  AND COALESCE(s.assessed_on, CAST(s.recorded_at AT TIME ZONE 'Europe/London' AS date)) <= :day
                  AND (s.recorded_at IS NULL OR s.recorded_at < :recordedBefore)
                ORDER BY 4 DESC, s.seq DESC LIMIT 1) s ON true
            WHERE %s AND %s AND s.looked_after""".formatted(ServiceScope.CANDIDATE,
            ServiceScope.responsibleOn("CAST(:day AS date)"));

    /**
     * Children the service(s) count on the day whose latest StatusRecorded with a looked-after answer, assessed on
     * or before it, says looked after. Unit: code LOOKED_AFTER, the assessment day, the status event.
     */
    public List<Counted> lookedAfterOn(String service, LocalDate day, Instant recordedBefore) {
        return jdbc.sql(LOOKED_AFTER + " ORDER BY c.child_id")
                .param("services", scope.services(service)).param("day", day)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query(OutcomeFacts::counted).list();
    }

    /**
     * How many {@link #lookedAfterOn} there are. Now: from the looked-after spells (V18 kpi_looked_after_spell: an
     * answer of yes until the child's next answer), one index range per service, rather than each child's latest
     * answer looked up; as of a date (or while a rebuild defers the precomputed tables) the same rows as the list,
     * counted.
     */
    public long lookedAfterCount(String service, LocalDate day, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        String sql = recordedBefore != null ? "SELECT count(*) FROM (" + LOOKED_AFTER + ") s"
                // A child's spells do not overlap: one row per child looked after on the day.
                : "SELECT count(*) FROM (" + ServiceScope.candidateRows("kpi_looked_after_spell", "l",
                "CAST(:day AS date)", "l.looked_after_from <= :day "
                        + "AND (l.looked_after_until IS NULL OR l.looked_after_until > :day)") + ") l";
        return jdbc.sql(sql)
                .param("services", scope.services(service)).param("day", day)
                .param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query(Long.class).single();
    }

    /** A child's latest known looked-after and SEND answers (null: none recorded). */
    public record ChildStatus(Boolean lookedAfter, Boolean sendIdentifiedNeed) {
    }

    /**
     * For each child, the latest StatusRecorded answer on looked-after status (wider services) and on SEND
     * (identified need), each from the latest snapshot carrying it assessed on or before the day and recorded
     * before the cut: what the looked-after and SEND breakdowns group by.
     */
    public Map<String, ChildStatus> statusOn(Collection<String> childIds, LocalDate day, Instant recordedBefore) {
        if (childIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT c.child_id,
                               (SELECT s.looked_after FROM kpi_status s
                                WHERE s.child_id = c.child_id AND s.looked_after IS NOT NULL
                                  AND COALESCE(s.assessed_on, CAST(s.recorded_at AT TIME ZONE 'Europe/London' AS date)) <= :day
                                  AND (s.recorded_at IS NULL OR s.recorded_at < :recordedBefore)
                                ORDER BY COALESCE(s.assessed_on, CAST(s.recorded_at AT TIME ZONE 'Europe/London' AS date)) DESC,
                                         s.seq DESC LIMIT 1) AS looked_after,
                               (SELECT s.send_identified_need FROM kpi_status s
                                WHERE s.child_id = c.child_id AND s.send_identified_need IS NOT NULL
                                  AND COALESCE(s.assessed_on, CAST(s.recorded_at AT TIME ZONE 'Europe/London' AS date)) <= :day
                                  AND (s.recorded_at IS NULL OR s.recorded_at < :recordedBefore)
                                ORDER BY COALESCE(s.assessed_on, CAST(s.recorded_at AT TIME ZONE 'Europe/London' AS date)) DESC,
                                         s.seq DESC LIMIT 1) AS send
                        FROM kpi_child c WHERE c.child_id IN (:children)
                        """)
                .param("children", childIds).param("day", day).param("recordedBefore", OutcomeFacts.cut(recordedBefore))
                .query((rs, row) -> Map.entry(rs.getString("child_id"),
                        new ChildStatus((Boolean) rs.getObject("looked_after"), (Boolean) rs.getObject("send"))))
                .list().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
