package org.openyjs.panel.publishing;

import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.panel.api.PanelEvents.DecisionRecorded;
import org.openyjs.support.publishing.IntegrationEventMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Which panel facts leave panel-service: decisions, without their free-text rationale. */
@Component
public class PanelIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationPayload> toIntegrationPayload(Object event) {
        if (event instanceof DecisionRecorded d) {
            return Optional.of(new PanelDecisionRecorded(d.decisionId(), d.panelId(), d.childId(), d.offenceId(),
                    d.outcomeCode(), d.decisionDate()));
        }
        return Optional.empty();
    }
}
