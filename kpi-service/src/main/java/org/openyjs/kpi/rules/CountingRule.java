package org.openyjs.kpi.rules;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One version of a measure's counting rule: the parameters its logic reads and the dates it is in
 * force. Stored in {@code counting_rule}; never changed once figures have been published under it.
 */
public record CountingRule(
        @Schema(example = "first-time-entrants") String measure,
        @Schema(example = "1") int version,
        String title,
        @Schema(description = "first day the version is in force") LocalDate effectiveFrom,
        @Schema(description = "last day the version is in force (inclusive); null while in force") LocalDate effectiveTo,
        @Schema(description = "outcome codes the rule counts") List<String> outcomeCodes,
        @Schema(description = "youngest age counted on the outcome date; null for no condition") Integer minAge,
        @Schema(description = "oldest age counted on the outcome date; null for no condition") Integer maxAge,
        String definition,
        @Schema(description = "further parameters the measure's logic reads (order kinds, months tracked, thresholds)")
        Map<String, Object> parameters) {

    public CountingRule {
        outcomeCodes = List.copyOf(outcomeCodes);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public CountingRule(String measure, int version, String title, LocalDate effectiveFrom, LocalDate effectiveTo,
                        List<String> outcomeCodes, Integer minAge, Integer maxAge, String definition) {
        this(measure, version, title, effectiveFrom, effectiveTo, outcomeCodes, minAge, maxAge, definition, Map.of());
    }

    /** A list parameter, e.g. the order kinds a rule counts; empty when absent. */
    public List<String> listParameter(String name) {
        Object value = parameters.get(name);
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** A whole-number parameter, or the fallback when absent. */
    public int intParameter(String name, int fallback) {
        Object value = parameters.get(name);
        return value instanceof Number n ? n.intValue() : fallback;
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
    }

    /** Whether a child of this age (whole years) on the counted date is within the rule's age range. */
    public boolean countsAge(int age) {
        return (minAge == null || age >= minAge) && (maxAge == null || age <= maxAge);
    }
}
