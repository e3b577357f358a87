package org.openyjs.kpi.readmodel;

import org.openyjs.kpi.rules.CountingRule;

import java.util.List;

/**
 * A proportion's candidate units for one service and period as known before a cut, from one SQL statement: listed
 * (breakdowns, drill-down, export) or counted (a figure, without loading a unit).
 */
public interface UnitQuery<T> {

    /** Each unit, in the listing's order. */
    List<T> list();

    /**
     * How many of the units the rule's age range has (the child's age on the unit's date, as {@link CountingRule#countsAge}
     * counts it; a unit without a date of birth is in) meet {@code denominator}, and of those {@code numerator}: what a
     * proportion counts of {@link #list()}.
     */
    Tally count(CountingRule rule, Condition<T> denominator, Condition<T> numerator);

    /** The counts of a proportion's two parts. */
    record Tally(long denominator, long numerator) {
    }

    /** No units (e.g. a question the rule version did not ask). */
    static <T> UnitQuery<T> none() {
        return new UnitQuery<>() {
            @Override
            public List<T> list() {
                return List.of();
            }

            @Override
            public Tally count(CountingRule rule, Condition<T> denominator, Condition<T> numerator) {
                return new Tally(0, 0);
            }
        };
    }
}
