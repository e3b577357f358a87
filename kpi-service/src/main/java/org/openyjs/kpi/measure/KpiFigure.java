package org.openyjs.kpi.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One KPI figure with everything needed to explain it. Nothing in it depends on when it was computed. */
public record KpiFigure(
        @Schema(example = "first-time-entrants") String measure,
        @Schema(description = "version of the counting rule that produced the figure (GET /kpi/rules)", example = "1") int ruleVersion,
        @Schema(example = "leicester-city") String youthJusticeService,
        @Schema(description = "the period's name when asked by name, e.g. FY2023-24") String period,
        @Schema(description = "first day of the period (inclusive)") LocalDate from,
        @Schema(description = "last day of the period (inclusive)") LocalDate to,
        @Schema(description = "when asked as of a date: only outcomes recorded by the end of that day count") LocalDate asOf,
        @Schema(description = "what the rule counted", example = "90") long numerator,
        @Schema(description = "the 10-17 population of the service", example = "40909") long denominator,
        @Schema(description = "the rate is per this many of the population", example = "100000") int ratePer,
        @Schema(description = "numerator / denominator * ratePer, rounded half-up", example = "220") BigDecimal rate,
        @Schema(example = "10-17 population 40909 (mid-2023 estimate)") String populationBasis,
        @Schema(description = "true while the figure can still change: the period had not ended (on asOf, or today), or a rebuild is running")
        boolean provisional,
        @Schema(description = "the same period a year earlier and the change to it") YearOnYear sameTimeLastYear,
        @Schema(description = "the band the rule puts the rate in (national-standards only)", example = "GOOD")
        @JsonInclude(JsonInclude.Include.NON_NULL) String band) {

    /** A figure with no band: every measure but the banded ones. */
    public KpiFigure(String measure, int ruleVersion, String youthJusticeService, String period, LocalDate from,
                     LocalDate to, LocalDate asOf, long numerator, long denominator, int ratePer, BigDecimal rate,
                     String populationBasis, boolean provisional, YearOnYear sameTimeLastYear) {
        this(measure, ruleVersion, youthJusticeService, period, from, to, asOf, numerator, denominator, ratePer, rate,
                populationBasis, provisional, sameTimeLastYear, null);
    }
}
