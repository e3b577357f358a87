package org.openyjs.kpi.comparator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The comparator figures and RAG thresholds analysts enter. Entering one again replaces it. */
@Component
public class ComparatorStore {

    private final JdbcClient jdbc;

    public ComparatorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ComparatorFigure save(ComparatorFigure f, String enteredBy) {
        return jdbc.sql("""
                        INSERT INTO comparator_figure (measure, youth_justice_service, comparator, period_from, period_to,
                                                       rate, source, entered_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (measure, youth_justice_service, comparator, period_from, period_to) DO UPDATE SET
                            rate = excluded.rate, source = excluded.source, entered_by = excluded.entered_by,
                            entered_at = now()
                        RETURNING *
                        """)
                .params(f.measure(), f.youthJusticeService(), f.comparator().name(), f.from(), f.to(), f.rate(),
                        f.source(), enteredBy)
                .query(ComparatorStore::figure).single();
    }

    /** Comparators for exactly this period (a comparator for another period says nothing about this one). */
    public List<ComparatorFigure> comparators(String measure, String service, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT * FROM comparator_figure
                        WHERE measure = ? AND youth_justice_service = ? AND period_from = ? AND period_to = ?
                        ORDER BY comparator
                        """)
                .params(measure, service, from, to).query(ComparatorStore::figure).list();
    }

    public List<ComparatorFigure> comparators(String service) {
        return jdbc.sql("""
                        SELECT * FROM comparator_figure WHERE youth_justice_service = ?
                        ORDER BY measure, period_from, period_to, comparator
                        """)
                .param(service).query(ComparatorStore::figure).list();
    }

    public RagThreshold save(RagThreshold t, String enteredBy) {
        return jdbc.sql("""
                        INSERT INTO rag_threshold (measure, youth_justice_service, comparator, lower_is_better,
                                                   amber_band_percent, entered_by)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (measure, youth_justice_service) DO UPDATE SET
                            comparator = excluded.comparator, lower_is_better = excluded.lower_is_better,
                            amber_band_percent = excluded.amber_band_percent, entered_by = excluded.entered_by,
                            entered_at = now()
                        RETURNING *
                        """)
                .params(t.measure(), t.youthJusticeService(), t.comparator().name(), t.lowerIsBetter(),
                        t.amberBandPercent(), enteredBy)
                .query(ComparatorStore::threshold).single();
    }

    public Optional<RagThreshold> threshold(String measure, String service) {
        return jdbc.sql("SELECT * FROM rag_threshold WHERE measure = ? AND youth_justice_service = ?")
                .params(measure, service).query(ComparatorStore::threshold).optional();
    }

    public List<RagThreshold> thresholds(String service) {
        return jdbc.sql("SELECT * FROM rag_threshold WHERE youth_justice_service = ? ORDER BY measure")
                .param(service).query(ComparatorStore::threshold).list();
    }

    private static ComparatorFigure figure(ResultSet rs, int row) throws SQLException {
        return new ComparatorFigure(rs.getString("measure"), rs.getString("youth_justice_service"),
                Comparator.valueOf(rs.getString("comparator")), rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class), rs.getBigDecimal("rate"), rs.getString("source"),
                rs.getString("entered_by"), rs.getTimestamp("entered_at").toInstant());
    }

    private static RagThreshold threshold(ResultSet rs, int row) throws SQLException {
        BigDecimal band = rs.getBigDecimal("amber_band_percent");
        return new RagThreshold(rs.getString("measure"), rs.getString("youth_justice_service"),
                Comparator.valueOf(rs.getString("comparator")), rs.getBoolean("lower_is_better"), band,
                rs.getString("entered_by"), rs.getTimestamp("entered_at").toInstant());
    }
}
