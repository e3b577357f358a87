package org.openyjs.kpi.readmodel;

import org.openyjs.kpi.rules.CountingRule;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Units listed from {@code rows} (a SELECT naming each unit's date outcome_date and the child's date_of_birth, and the
 * columns its conditions read) and counted from the same SELECT, so listing and counting read the same units.
 */
final class SqlUnitQuery<T> implements UnitQuery<T> {

    private final JdbcClient jdbc;
    private final String rows;
    private final String order;
    private final Map<String, Object> params;
    private final RowMapper<T> unit;

    /** @param order the listing's ORDER BY over the rows' columns, alias e */
    SqlUnitQuery(JdbcClient jdbc, String rows, String order, Map<String, ?> params, RowMapper<T> unit) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.order = order;
        this.params = new HashMap<>(params);
        this.unit = unit;
    }

    @Override
    public List<T> list() {
        return jdbc.sql("SELECT * FROM (" + rows + ") e ORDER BY " + order).params(params).query(unit).list();
    }

    @Override
    public Tally count(CountingRule rule, Condition<T> denominator, Condition<T> numerator) {
        Map<String, Object> withAges = new HashMap<>(params);
        withAges.put("minAge", rule.minAge());
        withAges.put("maxAge", rule.maxAge());
        return jdbc.sql("SELECT count(*) FILTER (WHERE " + denominator.sql() + ") AS denominator, count(*) FILTER (WHERE "
                        + denominator.and(numerator).sql() + ") AS numerator FROM (" + rows + ") e WHERE "
                        + OutcomeFacts.ageInRange("e", "e.outcome_date"))
                .params(withAges)
                .query((rs, row) -> new Tally(rs.getLong("denominator"), rs.getLong("numerator"))).single();
    }
}
