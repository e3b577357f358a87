package org.openyjs.kpi.export;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuarterlyReturnTest {

    @Test
    void cellsAreQuotedOnlyWhenTheyMustBe() {
        assertThat(QuarterlyReturn.cell(null)).isEmpty();
        assertThat(QuarterlyReturn.cell("plain")).isEqualTo("plain");
        assertThat(QuarterlyReturn.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(QuarterlyReturn.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(QuarterlyReturn.cell(new BigDecimal("1E+2"))).as("never scientific notation").isEqualTo("100");
    }
}
