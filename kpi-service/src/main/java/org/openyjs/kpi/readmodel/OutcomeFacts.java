package org.openyjs.kpi.readmodel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;

/**
 * Counts over the outcome facts of one youth justice service's children. The counting happens in
 * PostgreSQL: a query never loads a service's outcomes into memory.
 */
@Component
public class OutcomeFacts {

    /** The outcomes with one of the given codes given to the service's children: what every outcome measure counts from. */
    private static final String SERVICE_OUTCOMES = """
            SELECT o.child_id, o.outcome_date, c.date_of_birth
            FROM kpi_outcome o
            JOIN kpi_child c ON c.child_id = o.child_id
            WHERE c.youth_justice_service = :service AND o.outcome_code IN (:codes)
            """;

    private final JdbcClient jdbc;

    public OutcomeFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Outcomes (not children) with one of the codes dated within [from, to]. */
    public long countOutcomes(String service, Collection<String> codes, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT count(*) FROM (" + SERVICE_OUTCOMES + ") s WHERE s.outcome_date BETWEEN :from AND :to")
                .param("service", service).param("codes", codes).param("from", from).param("to", to)
                .query(Long.class).single();
    }

    /**
     * Children whose earliest outcome with one of the codes is dated within [from, to] and who were
     * aged minAge to maxAge (whole years) on that date. An earlier such outcome, even outside the
     * period, means the child is not counted again.
     */
    public long countChildrenByFirstOutcome(String service, Collection<String> codes, LocalDate from, LocalDate to,
                                            int minAge, int maxAge) {
        return jdbc.sql("""
                        SELECT count(*) FROM (
                            SELECT s.child_id, s.date_of_birth, min(s.outcome_date) AS first_outcome_date
                            FROM (%s) s
                            GROUP BY s.child_id, s.date_of_birth
                        ) f
                        WHERE f.first_outcome_date BETWEEN :from AND :to
                          AND date_part('year', age(f.first_outcome_date, f.date_of_birth)) BETWEEN :minAge AND :maxAge
                        """.formatted(SERVICE_OUTCOMES))
                .param("service", service).param("codes", codes).param("from", from).param("to", to)
                .param("minAge", minAge).param("maxAge", maxAge)
                .query(Long.class).single();
    }
}
