package org.openyjs.cases.paneldecision;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.openyjs.cases.access.CommandAudit;
import org.openyjs.cases.api.CaseCommands.AmendPanelOutcome;
import org.openyjs.cases.api.CaseCommands.RecordConditionalCautionNotCompleted;
import org.openyjs.cases.api.CaseCommands.RecordOutcome;
import org.openyjs.cases.api.CaseCommands.RecordPanelCharge;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.Topics;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Records the out-of-court panel's decisions on the child's case: the outcome it decided; an amended
 * decision as a correction of that outcome; a decision to CHARGE as a charge fact (the offence goes to
 * court: CHARGE is not an outcome, it disposes of nothing); a youth conditional caution not completed.
 * Exactly once: the case remembers the decision and amendment ids it has recorded, so a redelivered
 * message changes nothing. A decision the case
 * refuses (say, the offence already has an outcome) is logged and counted, not retried: retrying
 * cannot change the answer. Technical failures are retried by the container until they pass.
 */
@Component
public class PanelDecisionListener {

    private static final Logger log = LoggerFactory.getLogger(PanelDecisionListener.class);
    /** The panel's decision to charge: the offence goes to court, so there is no outcome to record yet. */
    static final String CHARGE = "CHARGE";

    private final CommandGateway commands;
    private final MeterRegistry meters;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    public PanelDecisionListener(CommandGateway commands, MeterRegistry meters) {
        this.commands = commands;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.PANEL_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        IntegrationEvent event;
        try {
            event = codec.read(record.value());
        } catch (IntegrationEventCodec.InvalidIntegrationEvent e) {
            reject(record, "unreadable", e.getMessage());
            return;
        }
        Object payload = codec.payload(event).orElse(null);
        Object command;
        String about;
        if (payload instanceof PanelDecisionRecorded decision) {
            command = CHARGE.equals(decision.outcomeCode())
                    ? new RecordPanelCharge(decision.childId(), decision.offenceId(), decision.decisionId(),
                            decision.decisionDate())
                    : new RecordOutcome(decision.childId(), decision.offenceId(), decision.outcomeCode(),
                            decision.decisionDate(), decision.decisionId());
            about = "panel decision " + decision.decisionId() + " for child " + decision.childId();
        } else if (payload instanceof PanelDecisionAmended amended) {
            command = new AmendPanelOutcome(amended.childId(), amended.offenceId(), amended.amendmentId(),
                    amended.decisionId(), amended.outcomeCode(), amended.amendedOn());
            about = "amendment " + amended.amendmentId() + " of panel decision " + amended.decisionId()
                    + " for child " + amended.childId();
        } else if (payload instanceof YouthConditionalCautionNotCompleted notCompleted) {
            command = new RecordConditionalCautionNotCompleted(notCompleted.childId(), notCompleted.offenceId(),
                    notCompleted.decisionId(), notCompleted.conditionsEndDate(), notCompleted.recordedOn());
            about = "caution not completed (decision " + notCompleted.decisionId() + ") for child "
                    + notCompleted.childId();
        } else {
            return; // other panel events are not the case's business
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(RecordingMetadata.RECORDED_BY, event.recordedBy(), CommandAudit.CHANNEL, "KAFKA")));
        } catch (DomainRefusal | AggregateNotFoundException e) {
            reject(record, "refused", about + ": " + e.getMessage());
        }
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        meters.counter("yjs.panel.decisions.rejected", "reason", reason).increment();
        log.warn("Panel decision at {}-{}@{} not recorded ({}): {}", record.topic(), record.partition(),
                record.offset(), reason, detail);
    }
}
