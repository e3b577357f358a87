package org.openyjs.kpi.comparator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class RagTest {

    @ParameterizedTest(name = "rate {0} vs {1}, lower better {2}, band {3}%: {4}")
    @CsvSource({
            // First-time entrants (lower is better) against a comparator of 200 per 100,000, amber band 10%.
            "180, 200, true, 10, GREEN",
            "200, 200, true, 10, GREEN",   // level with the comparator
            "220, 200, true, 10, AMBER",   // exactly 10% worse
            "221, 200, true, 10, RED",
            // Higher is better (e.g. a share in suitable ETE), 80 against 75, band 5%.
            "80,  75,  false, 5, GREEN",
            "72,  75,  false, 5, AMBER",   // 3 worse, band 3.75
            "71,  75,  false, 5, RED",
            // A band of 0: anything worse is red.
            "0.16, 0.15, true, 0, RED",
            // Comparator of 0: only 0 is green, anything above it red.
            "0,    0,    true, 10, GREEN",
            "0.01, 0,    true, 10, RED"
    })
    void judgesAgainstTheComparator(BigDecimal rate, BigDecimal comparator, boolean lowerIsBetter, BigDecimal band,
                                    Rag expected) {
        assertThat(Rag.judge(rate, comparator, lowerIsBetter, band)).isEqualTo(expected);
    }
}
