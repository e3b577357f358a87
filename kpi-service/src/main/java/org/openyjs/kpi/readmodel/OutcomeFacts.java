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
 * The outcome facts of one youth justice service's children that a counting rule selects. Selection
 * happens in PostgreSQL (a query never loads a service's outcome history), and returns only what is
 * counted. {@code recordedBefore} is the as-of cut: outcomes recorded at or after it are left out as if not yet
 * recorded; outcomes from events without a recorded time are always in.
 */
@Component
public class OutcomeFacts {

    /** The outcomes with one of the given codes given to the service's children, as known before recordedBefore. */
    private static final String SERVICE_OUTCOMES = """
            SELECT o.child_id, o.event_id, o.outcome_code, o.outcome_date, o.recorded_at,
                   c.date_of_birth, c.sex, c.ethnicity
            FROM kpi_outcome o
            JOIN kpi_child c ON c.child_id = o.child_id
            WHERE c.youth_justice_service = :service AND o.outcome_code IN (:codes)
              AND (o.recorded_at IS NULL OR o.recorded_at < :recordedBefore)
            """;

    /** Stands for "no as-of cut": later than any recorded time. */
    private static final Timestamp END_OF_TIME = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

    private final JdbcClient jdbc;

    public OutcomeFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every outcome with one of the codes dated within [from, to]. */
    public List<Counted> outcomes(String service, Collection<String> codes, LocalDate from, LocalDate to,
                                  Instant recordedBefore) {
        return jdbc.sql("SELECT * FROM (" + SERVICE_OUTCOMES + ") s WHERE s.outcome_date BETWEEN :from AND :to"
                        + " ORDER BY s.outcome_date, s.event_id")
                .param("service", service).param("codes", codes).param("from", from).param("to", to)
                .param("recordedBefore", cut(recordedBefore))
                .query(OutcomeFacts::counted).list();
    }

    /**
     * Each child's earliest outcome with one of the codes, where that is dated within [from, to]. An
     * earlier such outcome, even outside the period, means the child is not counted in it; of two on
     * the same earliest day, the one with the lower event id stands for the child.
     */
    public List<Counted> firstOutcomes(String service, Collection<String> codes, LocalDate from, LocalDate to,
                                       Instant recordedBefore) {
        return jdbc.sql("""
                        SELECT * FROM (
                            SELECT DISTINCT ON (s.child_id) s.* FROM (%s) s
                            ORDER BY s.child_id, s.outcome_date, s.event_id
                        ) f
                        WHERE f.outcome_date BETWEEN :from AND :to
                        ORDER BY f.outcome_date, f.event_id
                        """.formatted(SERVICE_OUTCOMES))
                .param("service", service).param("codes", codes).param("from", from).param("to", to)
                .param("recordedBefore", cut(recordedBefore))
                .query(OutcomeFacts::counted).list();
    }

    private static Timestamp cut(Instant recordedBefore) {
        return recordedBefore == null ? END_OF_TIME : Timestamp.from(recordedBefore);
    }

    private static Counted counted(ResultSet rs, int row) throws SQLException {
        Timestamp recordedAt = rs.getTimestamp("recorded_at");
        return new Counted(rs.getString("child_id"), rs.getString("event_id"), rs.getString("outcome_code"),
                rs.getObject("outcome_date", LocalDate.class), recordedAt == null ? null : recordedAt.toInstant(),
                rs.getObject("date_of_birth", LocalDate.class), rs.getString("sex"), rs.getString("ethnicity"));
    }
}
