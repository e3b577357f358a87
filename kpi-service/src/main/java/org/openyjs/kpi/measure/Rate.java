package org.openyjs.kpi.measure;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rates per head of population, rounded the way the published tables are: half-up. */
public final class Rate {

    private Rate() {
    }

    /** numerator / population * per, rounded half-up to {@code scale} decimal places (90 / 40,909 per 100,000 = 220). */
    public static BigDecimal per(long numerator, long population, int per, int scale) {
        if (population <= 0) {
            throw new IllegalArgumentException("population must be positive, was " + population);
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(per))
                .divide(BigDecimal.valueOf(population), scale, RoundingMode.HALF_UP);
    }
}
