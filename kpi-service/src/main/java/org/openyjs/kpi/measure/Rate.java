package org.openyjs.kpi.measure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Rates per head of population, rounded the way the published tables are: half-up. */
public final class Rate {

    /** Precision of the unrounded rates changes are computed from. */
    private static final int EXACT_SCALE = 12;

    private Rate() {
    }

    /** numerator / population * per, rounded half-up to {@code scale} decimal places (90 / 40,909 per 100,000 = 220). */
    public static BigDecimal per(long numerator, long population, int per, int scale) {
        return exact(numerator, population, per).setScale(scale, RoundingMode.HALF_UP);
    }

    /** The unrounded rate: changes are computed from these, not from the printed (rounded) rates. */
    public static BigDecimal exact(long numerator, long population, int per) {
        if (population <= 0) {
            throw new IllegalArgumentException("population must be positive, was " + population);
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(per))
                .divide(BigDecimal.valueOf(population), EXACT_SCALE, RoundingMode.HALF_UP);
    }

    /** (now - before) / before as a percentage to 1 decimal place; null when before is zero (no finite change). */
    public static BigDecimal relativeChangePercent(BigDecimal now, BigDecimal before) {
        if (before.signum() == 0) {
            return null;
        }
        return now.subtract(before).multiply(BigDecimal.valueOf(100))
                .divide(before, MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_UP);
    }

    /** a / b rounded half-up to {@code scale}; null when b is zero. The relative rate index is one of these. */
    public static BigDecimal ratio(BigDecimal a, BigDecimal b, int scale) {
        return b == null || a == null || b.signum() == 0 ? null : a.divide(b, scale, RoundingMode.HALF_UP);
    }
}
