package org.openyjs.kpi.measure;

/**
 * What a figure shows of a selection: how many units its numerator and denominator have, without the units. A
 * figure request needs only these; breakdowns, drill-down and export need the units ({@link Selection}).
 *
 * @param denominatorUnits the count of the denominator's units; null when the denominator is the population or a
 *                         figure entered ({@code fixedDenominator})
 */
public record Counts(long numerator, Long denominatorUnits, String denominatorUnit, Long fixedDenominator) {

    /** The counts of a selection's units: what every measure shows unless it counts in SQL by the same rule. */
    public static Counts of(Selection selection) {
        return new Counts(selection.numerator().size(),
                selection.denominator() == null ? null : (long) selection.denominator().size(),
                selection.denominatorUnit(), selection.fixedDenominator());
    }

    /** Like {@link Selection#perPopulation}: a count over the 10-17 population. */
    public static Counts perPopulation(long numerator) {
        return new Counts(numerator, null, null, null);
    }

    /** Like {@link Selection#ofFigure}: a count over a figure entered (null: not entered, a denominator of 0). */
    public static Counts ofFigure(long numerator, Long denominator, String denominatorUnit) {
        return new Counts(numerator, null, denominatorUnit, denominator == null ? 0L : denominator);
    }
}
