package org.openyjs.events.panel;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * The out-of-court panel decided a child's outcome. case-service records it on the child's case.
 * The rationale stays in panel-service: free text may name people.
 */
public record PanelDecisionRecorded(
        String decisionId,
        String panelId,
        String childId,
        String offenceId,
        String outcomeCode,
        LocalDate decisionDate) implements IntegrationPayload {
}
