package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * An outcome (out-of-court or court) was given for an offence. KPIs count it by {@code outcomeDate}.
 *
 * @param outcomeCode     reference-data code, e.g. {@code YOUTH_CAUTION}, {@code DETENTION_AND_TRAINING_ORDER}
 * @param panelDecisionId set when the outcome came from the out-of-court panel, otherwise null
 */
public record OutcomeRecorded(
        String childId,
        String offenceId,
        String outcomeCode,
        LocalDate outcomeDate,
        String panelDecisionId) implements IntegrationPayload {
}
