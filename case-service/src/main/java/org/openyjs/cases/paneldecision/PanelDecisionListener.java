package org.openyjs.cases.paneldecision;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.openyjs.cases.api.CaseCommands.RecordOutcome;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.Topics;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Records the out-of-court panel's decisions on the child's case. Exactly once: the case remembers
 * the decision ids it has recorded, so a redelivered decision changes nothing. A decision the case
 * refuses (say, the offence already has an outcome) is logged and counted, not retried: retrying
 * cannot change the answer. Technical failures are retried by the container until they pass.
 */
@Component
public class PanelDecisionListener {

    private static final Logger log = LoggerFactory.getLogger(PanelDecisionListener.class);

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
        if (!(codec.payload(event).orElse(null) instanceof PanelDecisionRecorded decision)) {
            return; // other panel events are not the case's business
        }
        RecordOutcome command = new RecordOutcome(decision.childId(), decision.offenceId(), decision.outcomeCode(),
                decision.decisionDate(), decision.decisionId());
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(RecordingMetadata.RECORDED_BY, event.recordedBy())));
        } catch (DomainRefusal | AggregateNotFoundException e) {
            reject(record, "refused", "panel decision " + decision.decisionId() + " for child " + decision.childId()
                    + ": " + e.getMessage());
        }
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        meters.counter("yjs.panel.decisions.rejected", "reason", reason).increment();
        log.warn("Panel decision at {}-{}@{} not recorded ({}): {}", record.topic(), record.partition(),
                record.offset(), reason, detail);
    }
}
