package org.openyjs.kpi.rules;

import org.openyjs.support.web.DomainRefusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The counting rules table. Read per query: a handful of rows, and a new version needs no restart. */
@Component
public class RuleBook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    public RuleBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CountingRule> all() {
        return jdbc.sql("SELECT * FROM counting_rule ORDER BY measure, version").query(RuleBook::rule).list();
    }

    public List<CountingRule> of(String measure) {
        return jdbc.sql("SELECT * FROM counting_rule WHERE measure = ? ORDER BY version").param(measure)
                .query(RuleBook::rule).list();
    }

    /**
     * The requested version, or when none is asked for, the version in force on the period's last
     * day: a year straddling a definition change is reported under the definition it ended under.
     */
    public CountingRule resolve(String measure, Integer version, LocalDate periodEnd) {
        List<CountingRule> versions = of(measure);
        if (version != null) {
            return versions.stream().filter(r -> r.version() == version).findFirst()
                    .orElseThrow(() -> new DomainRefusal("ruleVersion", "no version " + version + " of the "
                            + measure + " rule; known: " + versions.stream().map(r -> "v" + r.version()).toList()));
        }
        return versions.stream().filter(r -> r.inForceOn(periodEnd)).reduce((a, b) -> b)
                .orElseThrow(() -> new DomainRefusal("to", "no version of the " + measure + " rule was in force on "
                        + periodEnd));
    }

    /** Whether some version of the rule is in force on the day. */
    private static Map<String, Object> parameters(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("counting_rule.parameters is not a JSON object: " + json, e);
        }
    }

    public boolean anyInForceOn(String measure, LocalDate day) {
        return of(measure).stream().anyMatch(r -> r.inForceOn(day));
    }

    private static CountingRule rule(ResultSet rs, int row) throws SQLException {
        return new CountingRule(rs.getString("measure"), rs.getInt("version"), rs.getString("title"),
                rs.getObject("effective_from", LocalDate.class), rs.getObject("effective_to", LocalDate.class),
                Arrays.asList((String[]) rs.getArray("outcome_codes").getArray()),
                (Integer) rs.getObject("min_age"), (Integer) rs.getObject("max_age"), rs.getString("definition"),
                parameters(rs.getString("parameters")));
    }
}
