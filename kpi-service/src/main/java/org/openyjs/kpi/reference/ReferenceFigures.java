package org.openyjs.kpi.reference;

import org.openyjs.support.web.DomainRefusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The service_reference_figure table: looked-after children counts and practitioner FTE, entered by admins. */
@Component
public class ReferenceFigures {

    private final JdbcClient jdbc;

    public ReferenceFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Enters or corrects the figure starting validFrom (the key: kind, service, validFrom). */
    public ReferenceFigure enter(ReferenceFigure figure, String enteredBy) {
        if (figure.validTo().isBefore(figure.validFrom())) {
            throw new DomainRefusal("validTo", "must be on or after validFrom (" + figure.validFrom() + ")");
        }
        if (figure.kind() == ReferenceFigure.Kind.LOOKED_AFTER_CHILDREN && figure.value().stripTrailingZeros().scale() > 0) {
            throw new DomainRefusal("value", "a count of children is a whole number");
        }
        boolean overlaps = jdbc.sql("""
                        SELECT count(*) FROM service_reference_figure
                        WHERE kind = ? AND youth_justice_service = ? AND valid_from <> ? AND valid_from <= ? AND valid_to >= ?
                        """)
                .params(figure.kind().name(), figure.youthJusticeService(), figure.validFrom(), figure.validTo(),
                        figure.validFrom())
                .query(Long.class).single() > 0;
        if (overlaps) {
            throw DomainRefusal.conflict("validFrom", "overlaps another " + figure.kind() + " figure of "
                    + figure.youthJusticeService() + "; correct that one (same validFrom) instead");
        }
        jdbc.sql("""
                        INSERT INTO service_reference_figure (kind, youth_justice_service, valid_from, valid_to, value,
                                                              source, entered_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (kind, youth_justice_service, valid_from) DO UPDATE SET
                            valid_to = excluded.valid_to, value = excluded.value, source = excluded.source,
                            entered_by = excluded.entered_by, entered_at = now()
                        """)
                .params(figure.kind().name(), figure.youthJusticeService(), figure.validFrom(), figure.validTo(),
                        figure.value(), figure.source(), enteredBy)
                .update();
        return jdbc.sql("SELECT * FROM service_reference_figure WHERE kind = ? AND youth_justice_service = ? AND valid_from = ?")
                .params(figure.kind().name(), figure.youthJusticeService(), figure.validFrom())
                .query(ReferenceFigures::figure).single();
    }

    public List<ReferenceFigure> of(String service) {
        return jdbc.sql("SELECT * FROM service_reference_figure WHERE youth_justice_service = ? ORDER BY kind, valid_from")
                .param(service).query(ReferenceFigures::figure).list();
    }

    /**
     * The figure on the day, summed over the services (a partnership); empty when one of them has none.
     */
    public Optional<BigDecimal> on(ReferenceFigure.Kind kind, Collection<String> services, LocalDate day) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String service : services) {
            Optional<BigDecimal> value = jdbc.sql("""
                            SELECT value FROM service_reference_figure
                            WHERE kind = ? AND youth_justice_service = ? AND valid_from <= ? AND valid_to >= ?
                            ORDER BY valid_from DESC LIMIT 1
                            """)
                    .params(kind.name(), service, day, day).query(BigDecimal.class).optional();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            sum = sum.add(value.get());
        }
        return Optional.of(sum);
    }

    private static ReferenceFigure figure(ResultSet rs, int row) throws SQLException {
        Timestamp at = rs.getTimestamp("entered_at");
        return new ReferenceFigure(ReferenceFigure.Kind.valueOf(rs.getString("kind")), rs.getString("youth_justice_service"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getBigDecimal("value"), rs.getString("source"), rs.getString("entered_by"),
                at == null ? null : at.toInstant());
    }
}
