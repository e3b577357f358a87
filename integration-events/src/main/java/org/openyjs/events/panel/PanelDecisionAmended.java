package org.openyjs.events.panel;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * The out-of-court panel amended an earlier decision. The original {@link PanelDecisionRecorded}
 * stays on record; this replaces its outcome from {@code amendedOn}. The reason stays in panel-service
 * (free text may name people).
 *
 * @param amendmentId the amendment's own identifier (consumers dedupe on it)
 * @param decisionId  the decision amended
 * @param outcomeCode the outcome as amended
 * @param amendedOn   the day the panel amended it (business time)
 */
public record PanelDecisionAmended(
        String amendmentId,
        String decisionId,
        String panelId,
        String childId,
        String offenceId,
        String outcomeCode,
        LocalDate amendedOn) implements IntegrationPayload {
}
