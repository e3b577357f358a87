package org.openyjs.panel.publishing;

import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.support.publishing.IntegrationEventMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which panel facts leave panel-service: decisions, amendments and unfinished conditional cautions,
 * never their free text (rationale, dissent, reasons, conditions may name people). Everything else
 * (attendance, victim contact, overrides, scrutiny) stays inside.
 */
@Component
public class PanelIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationPayload> toIntegrationPayload(Object event) {
        if (event instanceof DecisionRecorded d) {
            return Optional.of(new PanelDecisionRecorded(d.decisionId(), d.panelId(), d.childId(), d.offenceId(),
                    d.outcomeCode(), d.decisionDate()));
        }
        if (event instanceof DecisionAmended a) {
            return Optional.of(new PanelDecisionAmended(a.amendmentId(), a.decisionId(), a.panelId(), a.childId(),
                    a.offenceId(), a.outcomeCode(), a.amendedOn()));
        }
        if (event instanceof ConditionsNotCompleted c) {
            return Optional.of(new YouthConditionalCautionNotCompleted(c.decisionId(), c.childId(), c.offenceId(),
                    c.conditionsEndDate(), c.recordedOn()));
        }
        return Optional.empty();
    }
}
