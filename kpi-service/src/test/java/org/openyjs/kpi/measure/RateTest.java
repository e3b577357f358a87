package org.openyjs.kpi.measure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class RateTest {

    @ParameterizedTest(name = "{0} of {1} per {2} to {3} places = {4}")
    @CsvSource({
            // The seeds' published figures for Leicester City (10-17 population 40,909).
            "90, 40909, 100000, 0, 220",   // FTE 2023/24: 220.0054...
            "81, 40909, 100000, 0, 198",   // FTE 2022/23: 198.0004...
            "6,  40909, 1000,   2, 0.15",  // custody 2023/24: 0.1466...
            "4,  40909, 1000,   2, 0.10",  // custody 2022/23: 0.0977..., trailing zero kept
            "0,  40909, 100000, 0, 0",
            // Half-up at exactly half, where half-even would round down.
            "1,  200000, 100000, 0, 1",    // 0.5
            "1,  200000, 1000,   2, 0.01", // 0.005
            "5,  40000, 1000,    2, 0.13"  // 0.125
    })
    void roundsHalfUp(long numerator, long population, int per, int scale, String expected) {
        assertThat(Rate.per(numerator, population, per, scale)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest(name = "{0} -> {1} per {2} of {3}: {4}%")
    @CsvSource({
            "81, 90, 100000, 40909, 11.1",   // FTE 2022/23 -> 2023/24, as published: +11.1%
            "4,  6,  1000,   40909, 50.0",   // custody 4 -> 6 sentences
            "90, 81, 100000, 40909, -10.0",
            "7,  7,  100000, 40909, 0.0"
    })
    void relativeChangeIsFromTheUnroundedRates(long before, long now, int per, long population, String expected) {
        assertThat(Rate.relativeChangePercent(Rate.exact(now, population, per), Rate.exact(before, population, per)))
                .isEqualTo(new BigDecimal(expected));
    }

    @org.junit.jupiter.api.Test
    void noRelativeChangeFromZero() {
        assertThat(Rate.relativeChangePercent(BigDecimal.ONE, BigDecimal.ZERO)).isNull();
    }

    @org.junit.jupiter.api.Test
    void percentagePointsAreTheDifferenceOfBinaryRates() {
        // Reoffending, quarterly cohorts: 18 of 37 (48.65%) vs 11 of 26 (42.31%) = +6.34 pp, as published.
        BigDecimal now = Rate.exact(18, 37, 100);
        BigDecimal before = Rate.exact(11, 26, 100);
        assertThat(now.subtract(before).setScale(2, java.math.RoundingMode.HALF_UP)).isEqualTo(new BigDecimal("6.34"));
    }

    @org.junit.jupiter.api.Test
    void ratioIsNullWithoutADivisor() {
        assertThat(Rate.ratio(BigDecimal.ONE, BigDecimal.ZERO, 2)).isNull();
        assertThat(Rate.ratio(new BigDecimal("3"), new BigDecimal("2"), 2)).isEqualTo(new BigDecimal("1.50"));
    }
}
