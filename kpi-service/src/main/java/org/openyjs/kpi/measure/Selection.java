package org.openyjs.kpi.measure;

import org.openyjs.kpi.readmodel.Counted;

import java.util.List;

/**
 * What a measure's rule selected: the units of the numerator and, for a proportion, the units of the
 * denominator. Without denominator units the denominator is the service's 10-17 population (first-time
 * entrants, custody). With them it is their count (orders ended, a reoffending cohort, victims
 * contacted), so breakdowns, drill-down and export can show both sides.
 *
 * @param denominatorUnit what one denominator unit is, for the figure's basis, e.g. "orders ended in the period"
 */
public record Selection(List<Counted> numerator, List<Counted> denominator, String denominatorUnit,
                        Long fixedDenominator) {

    public Selection {
        numerator = List.copyOf(numerator);
        denominator = denominator == null ? null : List.copyOf(denominator);
    }

    public static Selection perPopulation(List<Counted> numerator) {
        return new Selection(numerator, null, null, null);
    }

    public static Selection of(List<Counted> numerator, List<Counted> denominator, String denominatorUnit) {
        return new Selection(numerator, denominator, denominatorUnit, null);
    }

    /**
     * A denominator that is a figure, not units the events give (the local authority's looked-after children,
     * practitioner FTE): no denominator units to drill into or break down. Null when the figure is not entered.
     */
    public static Selection ofFigure(List<Counted> numerator, Long denominator, String denominatorUnit) {
        return new Selection(numerator, null, denominatorUnit, denominator == null ? 0L : denominator);
    }

    public boolean perPopulation() {
        return denominator == null && fixedDenominator == null;
    }
}
