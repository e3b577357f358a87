package org.openyjs.kpi.measure;

/**
 * A KPI as a named, versioned counting rule. The rule says what the numerator counts; the shared
 * {@link MeasureCalculator} supplies the population, the rate and whether the figure is final.
 */
public interface Measure {

    /** The measure's name in figures and URLs, e.g. {@code first-time-entrants}. */
    String name();

    /** The version of the counting rule (its logic and its configured outcome codes). */
    int ruleVersion();

    /** The rate is expressed per this many of the 10-17 population. */
    int ratePer();

    /** Decimal places the rate is rounded (half-up) to. */
    int rateScale();

    long numerator(String youthJusticeService, ReportingPeriod period);
}
