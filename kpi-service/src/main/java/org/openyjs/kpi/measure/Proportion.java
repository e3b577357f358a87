package org.openyjs.kpi.measure;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.readmodel.Condition;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.UnitQuery;
import org.openyjs.kpi.rules.CountingRule;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A percentage of some units (orders ended, victims contacted, panel decisions) meeting a condition: a
 * measure is a name, the rule it counts by, the units and the condition. The rule's age range applies
 * to each unit's date (null: all ages). The change on last year is stated in percentage points.
 */
public record Proportion<T>(String name, String ruleName, String denominatorUnit, List<Dimension> dimensions,
                            Units<T> units, Predicate<T> inDenominator, Predicate<T> inNumerator,
                            Function<T, Counted> unitOf) implements Measure {

    /** The candidate units of a rule for a service and period, as known before the cut. */
    @FunctionalInterface
    public interface Units<T> {
        List<T> of(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore);
    }

    /**
     * A proportion whose units SQL can count: listed for breakdowns and drill-down, counted in SQL for a figure, under
     * the same conditions (each stated once for both) and the rule's age range as {@link #selection} applies it.
     */
    public static <T> Measure countedInSql(String name, String ruleName, String denominatorUnit,
                                           List<Dimension> dimensions, CountableUnits<T> units,
                                           Condition<T> inDenominator, Condition<T> inNumerator,
                                           Function<T, Counted> unitOf) {
        Proportion<T> listed = new Proportion<>(name, ruleName, denominatorUnit, dimensions,
                (service, period, rule, cut) -> units.of(service, period, rule, cut).list(),
                inDenominator, inNumerator, unitOf);
        return new CountedInSql(listed, (service, period, rule, cut) -> {
            UnitQuery.Tally tally = units.of(service, period, rule, cut).count(rule, inDenominator, inNumerator);
            return new Counts(tally.numerator(), tally.denominator(), denominatorUnit, null);
        });
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
