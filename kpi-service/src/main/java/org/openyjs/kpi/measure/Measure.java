package org.openyjs.kpi.measure;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.rules.CountingRule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A KPI: what its counting rule selects from the facts. Everything else (rule version lookup, the
 * rule's age range, population, rate, change on last year, breakdowns, drill-down, as-of, export)
 * is shared and done by {@link MeasureCalculator}, so a new measure is this interface, a Spring bean
 * and a {@code counting_rule} row.
 *
 * <p>A rate per head of population implements {@link #select}; a proportion (orders ended, a
 * reoffending cohort, victims contacted) implements {@link #selection} with denominator units.
 */
public interface Measure {

    /** The measure's name in figures and URLs, e.g. {@code first-time-entrants}. */
    String name();

    /**
     * The {@code counting_rule.measure} whose versions this measure counts by; measures that are parts of
     * one definition (the three reoffending figures, a funnel's steps) share one rule.
     */
    default String ruleName() {
        return name();
    }

    /** The rate is expressed per this many of the denominator (100 for a percentage, 1 for a frequency). */
    int ratePer();

    /** Decimal places the rate is rounded (half-up) to. */
    int rateScale();

    /** Decimal places of the change in rate on last year (the seeds print a binary rate's change to 2). */
    default int changeScale() {
        return rateScale();
    }

    /** How the published tables state the change on last year. */
    default YearOnYear.Convention changeConvention() {
        return YearOnYear.Convention.RELATIVE_PERCENT;
    }

    /**
     * The last day on which a figure for the period can still change as events come in: the period's
     * end, or later for a measure that waits (reoffending tracks 12 months and waits 6 for outcomes).
     */
    default LocalDate settlesAfter(ReportingPeriod period) {
        return period.to();
    }

    /** The band the rule puts an (unrounded) rate in, e.g. a self-assessment's; null for an unbanded measure. */
    default String band(java.math.BigDecimal exactRate, CountingRule rule) {
        return null;
    }

    /** What the figure can be broken down by: the child's characteristics where a unit is a child's. */
    default List<Dimension> dimensions() {
        return Dimension.CHILD;
    }

    /**
     * One entry per unit of the numerator (before the rule's age range is applied), with facts
     * recorded at or after {@code recordedBefore} left out (null: everything recorded so far).
     */
    default List<Counted> select(String youthJusticeService, ReportingPeriod period, CountingRule rule,
                                 Instant recordedBefore) {
        throw new UnsupportedOperationException(name() + " selects a proportion: see selection()");
    }

    /**
     * The units counted. By default {@link #select}'s units with the rule's age range applied on each
     * unit's date, per head of population; a proportion overrides this and applies its rule's age
     * range itself (to the unit its rule names, e.g. the child's age on the index date).
     */
    default Selection selection(String youthJusticeService, ReportingPeriod period, CountingRule rule,
                                Instant recordedBefore) {
        return Selection.perPopulation(select(youthJusticeService, period, rule, recordedBefore).stream()
                .filter(c -> rule.countsAge(c.ageOnOutcomeDate())).toList());
    }

    /**
     * How many units {@link #selection} has, for a figure that shows only counts. By default the selection's units
     * counted; a measure whose units are many overrides this with SQL that counts by the same rule (and a test
     * that compares the two), so a figure request does not load every unit.
     */
    default Counts counts(String youthJusticeService, ReportingPeriod period, CountingRule rule,
                          Instant recordedBefore) {
        return Counts.of(selection(youthJusticeService, period, rule, recordedBefore));
    }
}
