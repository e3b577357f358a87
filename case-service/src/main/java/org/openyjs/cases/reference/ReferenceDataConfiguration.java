package org.openyjs.cases.reference;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;

/** Loads reference data from case-service's database (Flyway seeds it) once at start. */
@Configuration
public class ReferenceDataConfiguration {

    @Bean
    public ReferenceData referenceData(JdbcClient jdbc) {
        List<OutcomeType> outcomes = jdbc.sql("""
                        SELECT code, description, category, requires_admission, custodial, effective_from, effective_to
                        FROM outcome_type ORDER BY code, effective_from""")
                .query((rs, n) -> {
                    Date to = rs.getDate("effective_to");
                    return new OutcomeType(rs.getString("code"), rs.getString("description"),
                            rs.getString("category"), rs.getBoolean("requires_admission"), rs.getBoolean("custodial"),
                            rs.getDate("effective_from").toLocalDate(), to == null ? null : to.toLocalDate());
                })
                .list();
        List<String> services = jdbc.sql("SELECT code FROM youth_justice_service").query(String.class).list();
        List<ReferenceData.OrderType> orderTypes = jdbc.sql(
                        "SELECT code, description, effective_from, effective_to, kind FROM order_type ORDER BY code")
                .query((rs, n) -> new ReferenceData.OrderType(code(rs), rs.getString("kind")))
                .list();
        return new ReferenceData(outcomes, new HashSet<>(services), codes(jdbc, "ethnicity"),
                codes(jdbc, "offence_category"), orderTypes);
    }

    private static List<ReferenceData.Code> codes(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT code, description, effective_from, effective_to FROM " + table
                        + " ORDER BY code, effective_from")
                .query((rs, n) -> code(rs))
                .list();
    }

    private static ReferenceData.Code code(ResultSet rs) throws SQLException {
        Date to = rs.getDate("effective_to");
        return new ReferenceData.Code(rs.getString("code"), rs.getString("description"),
                rs.getDate("effective_from").toLocalDate(), to == null ? null : to.toLocalDate());
    }
}
