package org.openyjs.kpi.comparator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Red, amber or green for a rate against a comparator's rate: green when at least as good as the
 * comparator, amber when worse by no more than the amber band (% of the comparator's rate), red beyond.
 */
public enum Rag {
    GREEN, AMBER, RED;

    public static Rag judge(BigDecimal rate, BigDecimal comparatorRate, boolean lowerIsBetter, BigDecimal amberBandPercent) {
        // How much worse than the comparator, in the measure's unit; <= 0 is as good or better.
        BigDecimal worseBy = lowerIsBetter ? rate.subtract(comparatorRate) : comparatorRate.subtract(rate);
        if (worseBy.signum() <= 0) {
            return GREEN;
        }
        BigDecimal band = comparatorRate.multiply(amberBandPercent).divide(BigDecimal.valueOf(100), 12, RoundingMode.HALF_UP);
        return worseBy.compareTo(band) <= 0 ? AMBER : RED;
    }
}
