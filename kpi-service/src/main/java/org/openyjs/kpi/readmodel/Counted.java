package org.openyjs.kpi.readmodel;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

/**
 * One unit a numerator counts (a child for first-time entrants, a sentence for custody), with the
 * event that made it count and the child's characteristics: the numerator, its breakdowns and its
 * drill-down are all read from the same list, so they always agree.
 */
public record Counted(
        @Schema(description = "pseudonymous child id") String childId,
        @Schema(description = "integration event id of the counted outcome") String eventId,
        String outcomeCode,
        LocalDate outcomeDate,
        @Schema(description = "when the outcome was recorded (system time)") Instant recordedAt,
        LocalDate dateOfBirth,
        String sex,
        String ethnicity) {

    /** Age in whole years on the outcome date (a 29 February birthday falls on 28 February). */
    public int ageOnOutcomeDate() {
        return Period.between(dateOfBirth, outcomeDate).getYears();
    }
}
