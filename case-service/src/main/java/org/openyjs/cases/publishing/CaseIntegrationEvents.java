package org.openyjs.cases.publishing;

import org.openyjs.cases.api.CaseEvents;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.support.publishing.IntegrationEventMapper;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Which case facts leave case-service, and as which contract. A fact not listed here (names,
 * addresses, contact details as they arrive) never reaches Kafka.
 */
@Component
public class CaseIntegrationEvents implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationPayload> toIntegrationPayload(Object event) {
        if (event instanceof CaseEvents.ChildRegistered e) {
            return Optional.of(new ChildRegistered(e.childId(), e.youthJusticeService(), e.dateOfBirth(), e.sex(),
                    e.ethnicity(), e.localAuthority()));
        }
        if (event instanceof CaseEvents.OffenceRecorded e) {
            return Optional.of(new OffenceRecorded(e.childId(), e.offenceId(), e.offenceDate(), e.offenceCategory(),
                    e.gravityScore(), e.admitted()));
        }
        if (event instanceof CaseEvents.OutcomeRecorded e) {
            return Optional.of(new OutcomeRecorded(e.childId(), e.offenceId(), e.outcomeCode(), e.outcomeDate(),
                    e.panelDecisionId()));
        }
        return Optional.empty();
    }
}
