package org.openyjs.kpi.measure;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The same period one year earlier, under the same rule version, and the change to it. Both ways of
 * stating the change are given, computed from the unrounded rates; {@code convention} says which one
 * the published tables print for this measure.
 */
public record YearOnYear(
        LocalDate from,
        LocalDate to,
        long numerator,
        long denominator,
        BigDecimal rate,
        @Schema(description = "(rate - previous rate) / previous rate, %, 1 decimal place; null when the previous rate is 0",
                example = "11.1") BigDecimal changePercent,
        @Schema(description = "rate - previous rate, in the rate's unit (percentage points for a binary rate)",
                example = "22") BigDecimal changeInRate,
        @Schema(description = "which change the published tables state") Convention convention) {

    public enum Convention {
        /** Rates and frequencies: a relative change in % (FTE 198 to 220 per 100,000 is +11.1%). */
        RELATIVE_PERCENT,
        /** Binary rates held as percentages: the difference in percentage points (42.3% to 48.6% is +6.34 pp). */
        PERCENTAGE_POINTS
    }
}
