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
}
