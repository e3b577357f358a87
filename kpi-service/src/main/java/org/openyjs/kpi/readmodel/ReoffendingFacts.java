package org.openyjs.kpi.readmodel;

import org.openyjs.kpi.rules.CountingRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A reoffending cohort as things stand now, from the precomputed cohort state (V14 kpi_reoffending_index: each
 * child's candidate index events with the reoffences each would have; kpi_reoffence: those reoffences' proving
 * outcomes). Which candidate is a child's index in the period is decided here, as ReoffendingCohort decides it from
 * the facts for an as-of cut: the child's first outcome with one of the version's codes dated in the period, when the
 * services counted the child on its date; from v2 the child's first release of the version's types in the period the
 * services counted the child for, when it is earlier; counted when the child's age on the index date is in the rule's
 * range. The figure counts ({@link #sizes}) and its drill-down lists ({@link #cohort}, {@link #reoffences}) the same rows.
 */
@Component
public class ReoffendingFacts {

    /** A child's index in the period (release: a release from custody) and how many reoffences it has. */
    public record Index(Counted unit, boolean release, int reoffences) {
    }

    /** The candidate children (a row s with child_id, home_service and transferred) of :services. */
    private static final String CANDIDATE = """
            (s.home_service IN (:services) OR (s.transferred AND EXISTS (
                SELECT 1 FROM kpi_transfer t WHERE t.child_id = s.child_id AND t.youth_justice_service IN (:services))))""";

    /**
     * The period's index per child, in the order the facts path gives them: children with an outcome with one of
     * the codes in [from, settles] by child id, then the others (index: a release) by release day and event id.
     */
    private static final String COHORT = """
            WITH first_outcome AS NOT MATERIALIZED (
                -- The child's first outcome in the period: the one whose previous is before it (V14 previous_date).
                -- Not materialized: kept whole (a service-year's ~18,000 rows at 1.1M events) it spilled past work_mem
                -- to a temporary file; inlined, the cohort reads the index rows it needs once and the release branch
                -- looks up only its few children's.
                SELECT s.*, %s AS responsible
                FROM kpi_reoffending_index s
                WHERE s.version = :version AND NOT s.release AND s.index_date BETWEEN :from AND :to
                  AND (s.previous_date IS NULL OR s.previous_date < :from) AND %s
            ), first_release AS (
                -- The child's first release in the period of those the services counted the child for (few rows).
                SELECT DISTINCT ON (s.child_id) s.*
                FROM kpi_reoffending_index s
                WHERE s.version = :version AND s.release AND s.index_date BETWEEN :from AND :to AND %s AND %s
                ORDER BY s.child_id, s.index_date, s.event_id
            ), cohort AS (
                SELECT o.version, o.child_id, o.release, o.event_id, o.index_code, o.index_date, o.recorded_at,
                       o.date_of_birth, o.sex, o.ethnicity, o.reoffences, true AS has_outcome
                FROM first_outcome o
                WHERE o.responsible
                  AND NOT EXISTS (SELECT 1 FROM first_release r WHERE r.child_id = o.child_id AND r.index_date < o.index_date)
                UNION ALL
                SELECT r.version, r.child_id, r.release, r.event_id, r.index_code, r.index_date, r.recorded_at,
                       r.date_of_birth, r.sex, r.ethnicity, r.reoffences,
                       EXISTS (SELECT 1 FROM kpi_reoffending_index x
                               WHERE x.version = r.version AND x.child_id = r.child_id AND NOT x.release
                                 AND x.index_date BETWEEN :from AND :settles)
                FROM first_release r
                WHERE NOT EXISTS (SELECT 1 FROM first_outcome o
                                  WHERE o.child_id = r.child_id AND o.responsible AND o.index_date <= r.index_date)
            ), counted AS (
                -- The rule's age range on the index date: whole years as java.time.Period counts them.
                SELECT c.* FROM cohort c WHERE %s
            )
            """.formatted(ServiceScope.responsibleOn("s", "s.index_date"), CANDIDATE,
            CANDIDATE, ServiceScope.responsibleOn("s", "s.index_date"), OutcomeFacts.ageInRange("c", "c.index_date"));

    private final JdbcClient jdbc;
    private final ServiceScope scope;

    public ReoffendingFacts(JdbcClient jdbc, ServiceScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** How many children a cohort has, how many of them reoffended, and how many reoffences they have. */
    public record Sizes(long cohort, long reoffenders, long reoffences) {
    }

    /** The sizes of {@link #cohort}: the same rows counted. */
    public Sizes sizes(String service, CountingRule rule, LocalDate from, LocalDate to, LocalDate settles) {
        return jdbc.sql(COHORT + """
                        SELECT count(*) AS cohort, count(*) FILTER (WHERE c.reoffences > 0) AS reoffenders,
                               COALESCE(sum(c.reoffences), 0) AS reoffences
                        FROM counted c
                        """)
                .params(params(service, rule, from, to, settles))
                .query((rs, row) -> new Sizes(rs.getLong("cohort"), rs.getLong("reoffenders"), rs.getLong("reoffences")))
                .single();
    }

    /**
     * Each child's index in [from, to] under the rule's version, in its age range; settles: the last day an outcome can
     * prove a reoffence.
     */
    public List<Index> cohort(String service, CountingRule rule, LocalDate from, LocalDate to, LocalDate settles) {
        return jdbc.sql(COHORT + """
                        SELECT * FROM counted c
                        ORDER BY NOT c.has_outcome, CASE WHEN c.has_outcome THEN c.child_id END, c.index_date, c.event_id
                        """)
                .params(params(service, rule, from, to, settles))
                .query((rs, row) -> new Index(new Counted(rs.getString("child_id"), rs.getString("event_id"),
                        rs.getString("index_code"), rs.getObject("index_date", LocalDate.class),
                        rs.getTimestamp("recorded_at") == null ? null : rs.getTimestamp("recorded_at").toInstant(),
                        rs.getObject("date_of_birth", LocalDate.class), rs.getString("sex"), rs.getString("ethnicity")),
                        rs.getBoolean("release"), rs.getInt("reoffences")))
                .list();
    }

    /** A reoffence of a cohort index: the index it follows and the outcome proving it. */
    public record Reoffence(String childId, boolean release, String indexEventId, Counted outcome) {
    }

    /** The reoffences of {@link #cohort}'s indexes, per child by proving outcome's date and event id. */
    public List<Reoffence> reoffences(String service, CountingRule rule, LocalDate from, LocalDate to,
                                      LocalDate settles) {
        return jdbc.sql(COHORT + """
                        SELECT f.* FROM counted c
                        JOIN kpi_reoffence f ON f.version = c.version AND f.child_id = c.child_id
                                            AND f.release = c.release AND f.index_event_id = c.event_id
                        ORDER BY f.child_id, f.outcome_date, f.event_id
                        """)
                .params(params(service, rule, from, to, settles))
                .query((rs, row) -> new Reoffence(rs.getString("child_id"), rs.getBoolean("release"),
                        rs.getString("index_event_id"), OutcomeFacts.counted(rs, row)))
                .list();
    }

    private Map<String, Object> params(String service, CountingRule rule, LocalDate from, LocalDate to,
                                       LocalDate settles) {
        Map<String, Object> params = new HashMap<>();
        params.put("services", scope.services(service));
        params.put("version", rule.version());
        params.put("from", from);
        params.put("to", to);
        params.put("settles", settles);
        params.put("recordedBefore", OutcomeFacts.cut(null));
        params.put("minAge", rule.minAge());
        params.put("maxAge", rule.maxAge());
        return params;
    }
}
