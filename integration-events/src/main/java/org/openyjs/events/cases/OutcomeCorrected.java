package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A recorded outcome was wrong and is corrected: the outcome of {@code offenceId} is now
 * {@code outcomeCode} on {@code outcomeDate}. The corrected event stays on record; readers replace
 * the outcome they hold for the offence. {@code recordedAt} on the envelope says when the correction
 * was made, so a figure "as it stood" before the correction can still be reproduced.
 *
 * The free-text reason for the correction stays in case-service.
 *
 * @param correctsEventId the event id of the outcome (or earlier correction) this one corrects
 */
public record OutcomeCorrected(
        String childId,
        String offenceId,
        String correctsEventId,
        String outcomeCode,
        LocalDate outcomeDate) implements IntegrationPayload {
}
