package org.openyjs.kpi.breakdown;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A figure split by one dimension, each group with its own rate and relative rate index. */
public record Breakdown(
        String measure,
        int ruleVersion,
        String youthJusticeService,
        String period,
        LocalDate from,
        LocalDate to,
        LocalDate asOf,
        @Schema(example = "ethnicity") String by,
        @Schema(description = "the group every relative rate index compares with", example = "WHITE") String referenceGroup,
        @Schema(description = "the whole figure's numerator: the groups add up to it") long numerator,
        int ratePer,
        @Schema(example = "10-17 population by group (mid-2023 estimate)") String populationBasis,
        List<Group> groups) {

    public record Group(
            @Schema(example = "BLACK") String group,
            long numerator,
            @Schema(description = "the group's 10-17 population; null when the estimates do not split by it") Long denominator,
            @Schema(description = "numerator / denominator * ratePer; null without a denominator") BigDecimal rate,
            @Schema(description = "group rate / reference group rate, 2 decimal places; null without either rate")
            BigDecimal relativeRateIndex) {
    }
}
