package org.openyjs.kpi.measure;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.rules.CountingRule;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A percentage of some units (orders ended, victims contacted, panel decisions) meeting a condition: a
 * measure is a name, the rule it counts by, the units and the condition. The rule's age range applies
 * to each unit's date (null: all ages). The change on last year is stated in percentage points.
 */
public record Proportion<T>(String name, String ruleName, String denominatorUnit, List<Dimension> dimensions,
                            Units<T> units, Predicate<T> inDenominator, Predicate<T> inNumerator,
                            java.util.function.Function<T, Counted> unitOf) implements Measure {

    /** The candidate units of a rule for a service and period, as known before the cut. */
    @FunctionalInterface
    public interface Units<T> {
        List<T> of(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore);
    }

    @Override
    public int ratePer() {
        return 100;
    }

    @Override
    public int rateScale() {
        return 1;
    }

    @Override
    public int changeScale() {
        return 2;
    }

    @Override
    public YearOnYear.Convention changeConvention() {
        return YearOnYear.Convention.PERCENTAGE_POINTS;
    }

    @Override
    public Selection selection(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        List<T> denominator = units.of(service, period, rule, recordedBefore).stream()
                // A unit that is not a child's (a board member's attendance) has no age to check.
                .filter(u -> unitOf.apply(u).dateOfBirth() == null || rule.countsAge(unitOf.apply(u).ageOnOutcomeDate()))
                .filter(inDenominator).toList();
        return Selection.of(denominator.stream().filter(inNumerator).map(unitOf).toList(),
                denominator.stream().map(unitOf).toList(), denominatorUnit);
    }
}
