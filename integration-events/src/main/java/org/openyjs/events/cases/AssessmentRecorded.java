package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A pre-panel or case assessment was completed, and possibly quality-assured.
 *
 * @param tool                 ASSETPLUS or PREVENTION_AND_DIVERSION (reference data)
 * @param offenceId            the offence the assessment was made for, or null for a general assessment
 * @param qualityAssuredOn     the day a manager quality-assured it, or null while not yet assured
 */
public record AssessmentRecorded(
        String childId,
        String assessmentId,
        String offenceId,
        String tool,
        LocalDate completedOn,
        LocalDate qualityAssuredOn) implements IntegrationPayload {
}
