package org.openyjs.kpi.measure;

import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.rules.CountingRule;

import java.time.Instant;
import java.util.List;

/**
 * A KPI: what its counting rule selects from the facts. Everything else (rule version lookup, the
 * rule's age range, population, rate, change on last year, breakdowns, drill-down, as-of, export)
 * is shared and done by {@link MeasureCalculator}, so a new measure is this interface, a Spring bean
 * and a {@code counting_rule} row.
 */
public interface Measure {

    /** The measure's name in figures, URLs and {@code counting_rule.measure}, e.g. {@code first-time-entrants}. */
    String name();

    /** The rate is expressed per this many of the 10-17 population. */
    int ratePer();

    /** Decimal places the rate is rounded (half-up) to. */
    int rateScale();

    /** How the published tables state the change on last year. */
    default YearOnYear.Convention changeConvention() {
        return YearOnYear.Convention.RELATIVE_PERCENT;
    }

    /**
     * One entry per unit of the numerator (before the rule's age range is applied), with outcomes
     * recorded at or after {@code recordedBefore} left out (null: everything recorded so far).
     */
    List<Counted> select(String youthJusticeService, ReportingPeriod period, CountingRule rule, Instant recordedBefore);
}
