package org.openyjs.kpi.readmodel;

import org.openyjs.kpi.rules.CountingRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome facts of one youth justice service's children that a counting rule selects. Selection
 * happens in PostgreSQL (a query never loads a service's outcome history), and returns only what is
 * counted. {@code recordedBefore} is the as-of cut: outcomes recorded at or after it are left out as if not yet
 * recorded; outcomes from events without a recorded time are always in.
 */
@Component
public class OutcomeFacts {

    /**
     * The outcomes with one of the given codes given to the service's children, as known before
     * recordedBefore: an outcome with corrections (OutcomeCorrected) counts as its last correction recorded
     * before the cut, under that correction's event id, code and date; the original outcome only when
     * no correction had been recorded by then. Every outcome of the candidate children (registered with, or
     * transferred to or from, the services) is here; {@link #RESPONSIBLE} says which ones the services count.
     *
     * <p>Only for a query that keeps outcome_date BETWEEN :from AND :to of these rows: an uncorrected outcome is
     * read only when dated in that window (through the code and date index), a corrected one always (its
     * effective date may be another), so a query reads the period's outcomes rather than the service's history.
     */
    static final String SERVICE_OUTCOMES = """
            SELECT * FROM (
                SELECT o.child_id, o.offence_id,
                       CASE WHEN k.event_id IS NULL THEN o.event_id ELSE k.event_id END AS event_id,
                       CASE WHEN k.event_id IS NULL THEN o.outcome_code ELSE k.outcome_code END AS outcome_code,
                       CASE WHEN k.event_id IS NULL THEN o.outcome_date ELSE k.outcome_date END AS outcome_date,
                       CASE WHEN k.event_id IS NULL THEN o.recorded_at ELSE k.recorded_at END AS recorded_at,
                       c.date_of_birth, c.sex, c.ethnicity, c.youth_justice_service AS home_service, c.transferred
                FROM (SELECT * FROM kpi_outcome
                      WHERE NOT corrected AND outcome_code IN (:codes) AND outcome_date BETWEEN :from AND :to
                      UNION ALL
                      SELECT * FROM kpi_outcome WHERE corrected) o
                JOIN kpi_child c ON c.child_id = o.child_id
                LEFT JOIN LATERAL (
                    SELECT k.event_id, k.outcome_code, k.outcome_date, k.recorded_at
                    FROM kpi_outcome_correction k
                    WHERE o.corrected AND k.root_event_id = o.event_id
                      AND (k.recorded_at IS NULL OR k.recorded_at < :recordedBefore)
                    ORDER BY k.seq DESC LIMIT 1
                ) k ON true
                WHERE %s AND (o.outcome_code IN (:codes) OR o.corrected)
                  AND (o.recorded_at IS NULL OR o.recorded_at < :recordedBefore)
            ) effective
            WHERE effective.outcome_code IN (:codes)
            """.formatted(ServiceScope.CANDIDATE);

    /**
     * The same rows as {@link #SERVICE_OUTCOMES} without an as-of cut, read from the precomputed effective outcomes
     * (kpi_effective_outcome: corrections applied, the child's registration copied; V10) through the service and
     * date index, with the offence's date as known_offence_date and its latest category and gravity score as
     * known_offence_category and known_gravity_score. Keeps outcome_date BETWEEN :from AND :to itself.
     */
    static final String EFFECTIVE_OUTCOMES = """
            SELECT e.child_id, e.offence_id, e.event_id, e.outcome_code, e.outcome_date, e.recorded_at,
                   e.date_of_birth, e.sex, e.ethnicity, e.home_service, e.transferred, e.offence_date AS known_offence_date,
                   e.offence_category AS known_offence_category, e.gravity_score AS known_gravity_score
            FROM kpi_effective_outcome e
            WHERE e.outcome_code IN (:codes) AND e.outcome_date BETWEEN :from AND :to
              AND (e.home_service IN (:services) OR (e.transferred AND EXISTS (
                  SELECT 1 FROM kpi_transfer t WHERE t.child_id = e.child_id AND t.youth_justice_service IN (:services))))
            """;

    /** The service's outcomes (see {@link #SERVICE_OUTCOMES}): precomputed for now, from the facts for an as-of cut. */
    static String serviceOutcomes(Instant recordedBefore) {
        return recordedBefore == null ? EFFECTIVE_OUTCOMES : SERVICE_OUTCOMES;
    }

    /** Whether the service(s) asked for counted the child on the outcome's (effective) date: transfers move children. */
    static final String RESPONSIBLE = ServiceScope.responsibleOn("s", "s.outcome_date");

    /**
     * SQL, a query of rows s: the service's outcomes ({@link #serviceOutcomes}) dated within [:from, :to] that the
     * services counted on their date. What a measure of outcomes lists (ordered) and counts (with the rule's age range).
     */
    static String periodOutcomes(Instant recordedBefore) {
        return recordedBefore == null ? PERIOD_EFFECTIVE_OUTCOMES
                : "SELECT s.* FROM (" + SERVICE_OUTCOMES + ") s WHERE s.outcome_date BETWEEN :from AND :to AND " + RESPONSIBLE;
    }

    /**
     * {@link #periodOutcomes} as things stand now: the rows of {@link #EFFECTIVE_OUTCOMES} the services counted on their
     * date, the never-transferred children's apart from the transferred children's (ServiceScope.candidateRows), so a
     * count reads the former, nearly all, from the covering index alone (V19) rather than every page of the table.
     */
    private static final String PERIOD_EFFECTIVE_OUTCOMES = """
            SELECT e.child_id, e.offence_id, e.event_id, e.outcome_code, e.outcome_date, e.recorded_at,
                   e.date_of_birth, e.sex, e.ethnicity, e.home_service, e.transferred, e.offence_date AS known_offence_date,
                   e.offence_category AS known_offence_category, e.gravity_score AS known_gravity_score
            FROM (%s) e""".formatted(ServiceScope.candidateRows("kpi_effective_outcome", "e", "e.outcome_date",
            "e.outcome_code IN (:codes) AND e.outcome_date BETWEEN :from AND :to"));

    /** Stands for "no as-of cut": later than any recorded time. */
    static final Timestamp END_OF_TIME = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

    private final JdbcClient jdbc;

    private final ServiceScope scope;

    private final PrecomputedOutcomes precomputed;

    public OutcomeFacts(JdbcClient jdbc, ServiceScope scope, PrecomputedOutcomes precomputed) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.precomputed = precomputed;
    }

    /** Every outcome with one of the codes dated within [from, to]. */
    public List<Counted> outcomes(String service, Collection<String> codes, LocalDate from, LocalDate to,
                                  Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT * FROM (" + periodOutcomes(recordedBefore) + ") s ORDER BY s.outcome_date, s.event_id")
                .param("services", scope.services(service)).param("codes", codes).param("from", from).param("to", to)
                .param("recordedBefore", cut(recordedBefore))
                .query(OutcomeFacts::counted).list();
    }

    /**
     * SQL: whether the rule's age range (:minAge, :maxAge; null: no bound) has the child of a row {@code alias} (with
     * date_of_birth) on the day given, in whole years as java.time.Period counts them (CountingRule.countsAge). As
     * bounds on the date of birth rather than age() per row (which cost as much as the rest of a count): aged at least n
     * on day D is born on or before D minus n years, where a 29 February minus n years is 28 February, as Period has a
     * child born on 29 February turn n on 1 March of a year without one.
     */
    static String ageInRange(String alias, String day) {
        String dob = alias + ".date_of_birth";
        return "(" + dob + " IS NULL OR ((CAST(:minAge AS integer) IS NULL OR " + dob + " <= CAST(" + day
                + " - make_interval(years => CAST(:minAge AS integer)) AS date)) AND (CAST(:maxAge AS integer) IS NULL OR "
                + dob + " > CAST(" + day + " - make_interval(years => CAST(:maxAge AS integer) + 1) AS date))))";
    }

    /**
     * {@link #outcomes} counted, with the rule's age range applied on each outcome's date as a proportion applies it:
     * {total, those with one of numeratorCodes}.
     */
    public long[] outcomeCounts(String service, Collection<String> codes, Collection<String> numeratorCodes,
                                LocalDate from, LocalDate to, Instant recordedBefore, CountingRule rule) {
        recordedBefore = precomputed.readCut(recordedBefore);
        Map<String, Object> params = params(scope.services(service), codes, from, to, recordedBefore, rule);
        params.put("numeratorCodes", numeratorCodes);
        return jdbc.sql("SELECT count(*) AS total, count(*) FILTER (WHERE s.outcome_code IN (:numeratorCodes)) AS counted"
                        + " FROM (" + periodOutcomes(recordedBefore) + ") s WHERE " + ageInRange("s", "s.outcome_date"))
                .params(params)
                .query((rs, row) -> new long[]{rs.getLong("total"), rs.getLong("counted")}).single();
    }

    /**
     * SQL, a query of rows s: {@link #firstOutcomes}, unordered. The period's outcomes, each kept when the child has no
     * earlier one (by date, then event id) among all its outcomes as known before the cut: an anti-join through the
     * child's outcome index, rather than ordering every outcome of the service's children to find each child's first.
     */
    private static final String FIRST_OUTCOMES = """
            SELECT s.* FROM (%s) s
            WHERE s.outcome_date BETWEEN :from AND :to
              AND NOT EXISTS (
                  SELECT 1 FROM kpi_outcome o
                  LEFT JOIN LATERAL (
                      SELECT k.event_id, k.outcome_code, k.outcome_date
                      FROM kpi_outcome_correction k
                      WHERE o.corrected AND k.root_event_id = o.event_id
                        AND (k.recorded_at IS NULL OR k.recorded_at < :recordedBefore)
                      ORDER BY k.seq DESC LIMIT 1
                  ) k ON true
                  WHERE o.child_id = s.child_id
                    AND (o.corrected OR (o.outcome_code IN (:codes) AND o.outcome_date <= s.outcome_date))
                    AND (o.recorded_at IS NULL OR o.recorded_at < :recordedBefore)
                    AND CASE WHEN k.event_id IS NULL THEN o.outcome_code ELSE k.outcome_code END IN (:codes)
                    AND (CASE WHEN k.event_id IS NULL THEN o.outcome_date ELSE k.outcome_date END,
                         CASE WHEN k.event_id IS NULL THEN o.event_id ELSE k.event_id END)
                        < (s.outcome_date, s.event_id))
              AND %s""".formatted(SERVICE_OUTCOMES, RESPONSIBLE);

    /** SQL, a query of rows s: {@link #FIRST_OUTCOMES} as things stand now, from the precomputed first entries (V10). */
    private static final String PRECOMPUTED_FIRST_ENTRIES = """
            SELECT s.* FROM kpi_first_entry s
            WHERE s.measure = :measure AND s.version = :version AND s.outcome_date BETWEEN :from AND :to
              AND (s.home_service IN (:services) OR s.transferred) AND %s""".formatted(RESPONSIBLE);

    /** The order a listing of outcomes (rows s) gives them in. */
    private static final String BY_DATE = " ORDER BY s.outcome_date, s.event_id";

    /**
     * Each child's earliest outcome with one of the codes, where that is dated within [from, to]. An
     * earlier such outcome, even outside the period, means the child is not counted in it; of two on
     * the same earliest day, the one with the lower event id stands for the child. The earliest is taken over
     * all the child's outcomes, whichever service recorded them, and the child counts for the service(s) that
     * counted them on that day: a child transferred between services never enters twice.
     */
    public List<Counted> firstOutcomes(String service, Collection<String> codes, LocalDate from, LocalDate to,
                                       Instant recordedBefore) {
        return jdbc.sql("SELECT * FROM (" + FIRST_OUTCOMES + ") s" + BY_DATE)
                .params(params(scope.services(service), codes, from, to, recordedBefore, null))
                .query(OutcomeFacts::counted).list();
    }

    /**
     * {@link #firstOutcomes} under a version of a first-entry rule (first-time-entrants): as things stand now read
     * from the precomputed first entries (kpi_first_entry, each child's earliest effective outcome with one of the
     * version's codes; V10), for an as-of cut from the facts.
     */
    public List<Counted> firstEntries(String service, CountingRule rule, LocalDate from, LocalDate to,
                                      Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT * FROM (" + firstEntries(recordedBefore) + ") s" + BY_DATE)
                .params(params(scope.services(service), rule.outcomeCodes(), from, to, recordedBefore, rule))
                .query(OutcomeFacts::counted).list();
    }

    /** How many of {@link #firstEntries} the rule's age range has on their dates: a figure of first entries. */
    public long firstEntryCount(String service, CountingRule rule, LocalDate from, LocalDate to,
                                Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("SELECT count(*) FROM (" + firstEntries(recordedBefore) + ") s WHERE "
                        + ageInRange("s", "s.outcome_date"))
                .params(params(scope.services(service), rule.outcomeCodes(), from, to, recordedBefore, rule))
                .query(Long.class).single();
    }

    private static String firstEntries(Instant recordedBefore) {
        return recordedBefore == null ? PRECOMPUTED_FIRST_ENTRIES : FIRST_OUTCOMES;
    }

    /**
     * The parameters the queries of outcomes share: services, codes, period, cut and, with a rule, its measure, version
     * and age range.
     */
    static Map<String, Object> params(List<String> services, Collection<String> codes, LocalDate from, LocalDate to,
                                      Instant recordedBefore, CountingRule rule) {
        Map<String, Object> params = new HashMap<>();
        params.put("services", services);
        params.put("codes", codes);
        params.put("from", from);
        params.put("to", to);
        params.put("recordedBefore", cut(recordedBefore));
        if (rule != null) {
            params.put("measure", rule.measure());
            params.put("version", rule.version());
            params.put("minAge", rule.minAge());
            params.put("maxAge", rule.maxAge());
        }
        return params;
    }

    /** An outcome with the offence it was for: what reoffending counts. */
    public record ProvenOutcome(Counted outcome, String offenceKey, LocalDate offenceDate, boolean responsible) {
    }

    /**
     * Every outcome with one of the codes dated within [from, to], with its offence's date (the earliest
     * OffenceRecorded for the child's offence id known before the cut, else the outcome date: an offence
     * is never later than its outcome). The offence key is the offence id, or the outcome's own event id
     * when the outcome names no offence.
     */
    public List<ProvenOutcome> outcomesWithOffences(String service, Collection<String> codes, LocalDate from,
                                                    LocalDate to, Instant recordedBefore) {
        recordedBefore = precomputed.readCut(recordedBefore);
        return jdbc.sql("""
                        SELECT s.*, %s AS offence_date, %s AS responsible
                        FROM (%s) s WHERE s.outcome_date BETWEEN :from AND :to
                        ORDER BY s.child_id, s.outcome_date, s.event_id
                        """.formatted(recordedBefore == null ? "s.known_offence_date" : """
                                (SELECT min(f.offence_date) FROM kpi_offence f
                                 WHERE f.child_id = s.child_id AND f.offence_id = s.offence_id
                                   AND (f.recorded_at IS NULL OR f.recorded_at < :recordedBefore))""",
                        RESPONSIBLE, serviceOutcomes(recordedBefore)))
                .param("services", scope.services(service)).param("codes", codes).param("from", from).param("to", to)
                .param("recordedBefore", cut(recordedBefore))
                .query((rs, row) -> {
                    Counted c = counted(rs, row);
                    LocalDate offenceDate = rs.getObject("offence_date", LocalDate.class);
                    String offenceId = rs.getString("offence_id");
                    return new ProvenOutcome(c, offenceId == null ? c.eventId() : offenceId,
                            offenceDate == null || offenceDate.isAfter(c.outcomeDate()) ? c.outcomeDate() : offenceDate,
                            rs.getBoolean("responsible"));
                }).list();
    }

    static Timestamp cut(Instant recordedBefore) {
        return recordedBefore == null ? END_OF_TIME : Timestamp.from(recordedBefore);
    }

    static Counted counted(ResultSet rs, int row) throws SQLException {
        Timestamp recordedAt = rs.getTimestamp("recorded_at");
        return new Counted(rs.getString("child_id"), rs.getString("event_id"), rs.getString("outcome_code"),
                rs.getObject("outcome_date", LocalDate.class), recordedAt == null ? null : recordedAt.toInstant(),
                rs.getObject("date_of_birth", LocalDate.class), rs.getString("sex"), rs.getString("ethnicity"));
    }
}
