package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A pre-sentence report went to court. Set against the sentence ({@code OutcomeRecorded} for the same
 * offence) it gives the congruence of proposals and sentences; with the QA flag, PSR quality.
 *
 * @param proposedOutcomeCode the sentence the report proposed (an outcome code)
 * @param qualityAssured      whether a manager quality-assured the report before it went
 */
public record PreSentenceReportSubmitted(
        String childId,
        String offenceId,
        LocalDate requestedOn,
        LocalDate submittedOn,
        String proposedOutcomeCode,
        boolean qualityAssured) implements IntegrationPayload {
}
