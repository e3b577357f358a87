package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * An offence was recorded on a child's case.
 *
 * @param gravityScore 1-5 on the Child Gravity Matrix, or null when not yet scored
 */
public record OffenceRecorded(
        String childId,
        String offenceId,
        LocalDate offenceDate,
        String offenceCategory,
        Integer gravityScore,
        boolean admitted) implements IntegrationPayload {
}
