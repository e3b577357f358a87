package org.openyjs.panel.referral;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.panel.api.ReferralCommands.CloseOnOutcomeElsewhere;
import org.openyjs.panel.api.ReferralCommands.NoteAssessment;
import org.openyjs.panel.api.ReferralCommands.NoteVictimContact;
import org.openyjs.panel.api.ReferralCommands.ReceiveReferral;
import org.openyjs.support.axon.CommandBatch;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns case-service's referrals, assessments and victim contacts into what the panel's chair sees.
 * Idempotent without a dedupe table: a referral's id is derived from child and offence, and the
 * referral ignores what it already knows. An assessment or victim contact for an offence that was
 * never referred is not the panel's business and is skipped. Refusals are logged and counted, not
 * retried (retrying cannot change the answer); technical failures are retried by the container.
 *
 * <p>An outcome recorded outside the panel (no panel decision id) closes the offence's referral, if it has
 * one. Most outcomes, assessments and victim contacts concern offences never referred, so one indexed look-up
 * in the event store decides whether there is a referral before any command is sent; the panel's own
 * decisions coming back are dropped as soon as they are read.
 */
@Component
public class CaseEventsListener {

    private static final Logger log = LoggerFactory.getLogger(CaseEventsListener.class);

    private final CommandGateway commands;
    private final CommandBatch batches;
    private final EventStore eventStore;
    private final MeterRegistry meters;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    /** The case events the panel acts on; the producer names each record's type in its eventType header. */
    private static final Set<String> PANEL_BUSINESS = Set.of("ReferredToOutOfCourtPanel", "AssessmentRecorded",
            "VictimContactRecorded", "OutcomeRecorded");

    public CaseEventsListener(CommandGateway commands, PlatformTransactionManager transactionManager,
                              EventStore eventStore, MeterRegistry meters) {
        this.commands = commands;
        this.batches = new CommandBatch(transactionManager);
        this.eventStore = eventStore;
        this.meters = meters;
    }

    /**
     * A poll's records: the panel's commands among them are sent as one batch ({@link CommandBatch}), so a poll
     * costs one transaction, one append and one batch for each of the panel's processors instead of one of each per
     * referral. Refusals are skipped one by one as before; a technical failure rolls back the batch and the container
     * delivers the records again (every command here is idempotent).
     */
    @KafkaListener(topics = Topics.CASE_EVENTS, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<Pending> pending = new ArrayList<>();
        Set<String> receivedHere = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Pending command = pending(record, receivedHere);
            if (command != null) {
                pending.add(command);
            }
        }
        CommandBatch.inBatches(pending,
                batch -> batches.attempt(batch.size(), i -> commands.sendAndWait(batch.get(i).command())),
                this::sendAlone);
    }

    /** A command and the record it came from. */
    private record Pending(ConsumerRecord<String, byte[]> record, IntegrationEvent event, CommandMessage<?> command) {
    }

    private void sendAlone(Pending pending) {
        try {
            commands.sendAndWait(pending.command());
        } catch (RuntimeException e) {
            Throwable cause = CommandBatch.unwrap(e);
            IntegrationEvent event = pending.event();
            if (cause instanceof AggregateNotFoundException) {
                skip(pending.record(), "not-referred", event.eventType() + " for child " + event.childId()
                        + " concerns an offence not referred to the panel");
            } else if (cause instanceof DomainRefusal) {
                skip(pending.record(), "refused", event.eventType() + " for child " + event.childId() + ": "
                        + cause.getMessage());
            } else {
                throw e;
            }
        }
    }

    /** The record's command for the panel, or null when it has none (or is unreadable, which is counted). */
    private Pending pending(ConsumerRecord<String, byte[]> record, Set<String> receivedHere) {
        Header type = record.headers().lastHeader("eventType");
        if (type != null && !PANEL_BUSINESS.contains(new String(type.value(), StandardCharsets.UTF_8))) {
            return null; // most case events are not the panel's business: not worth decoding
        }
        IntegrationEvent event;
        IntegrationPayload payload;
        try {
            event = codec.read(record.value());
            payload = codec.payload(event).orElse(null);
        } catch (IntegrationEventCodec.InvalidIntegrationEvent e) {
            skip(record, "unreadable", e.getMessage());
            return null;
        }
        Object command = toCommand(event, payload, receivedHere);
        if (command == null) {
            return null; // other case events are not the panel's business
        }
        return new Pending(record, event, GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(RecordingMetadata.RECORDED_BY,
                        event.recordedBy() != null ? event.recordedBy() : RecordingMetadata.SYSTEM)));
    }

    private Object toCommand(IntegrationEvent event, IntegrationPayload payload, Set<String> receivedHere) {
        if (payload instanceof ReferredToOutOfCourtPanel r) {
            receivedHere.add(ReferralId.of(r.childId(), r.offenceId()));
            return new ReceiveReferral(ReferralId.of(r.childId(), r.offenceId()), r.childId(), r.offenceId(),
                    event.youthJusticeService(), r.referralDate(), r.gravityScore(), r.admitted());
        }
        if (payload instanceof AssessmentRecorded a && a.offenceId() != null) {
            String referralId = ReferralId.of(a.childId(), a.offenceId());
            return referred(referralId, event, receivedHere) ? new NoteAssessment(referralId, a.assessmentId(), a.tool(),
                    a.completedOn(), a.qualityAssuredOn()) : null;
        }
        if (payload instanceof VictimContactRecorded v) {
            String referralId = ReferralId.of(v.childId(), v.offenceId());
            return referred(referralId, event, receivedHere) ? new NoteVictimContact(referralId, v.victimId(), v.contactedOn(),
                    v.result(), v.consentedToContact(), v.restorativeJusticeOffered()) : null;
        }
        if (payload instanceof OutcomeRecorded o && o.panelDecisionId() == null) {
            String referralId = ReferralId.of(o.childId(), o.offenceId());
            return referred(referralId, event, receivedHere)
                    ? new CloseOnOutcomeElsewhere(referralId, o.outcomeCode(), o.outcomeDate())
                    : null;
        }
        return null; // among them the panel's own decision coming back as the case's outcome
    }

    /**
     * Whether the offence has a referral: one indexed look-up in the event store, cheaper than a command that
     * fails to load the aggregate. Most assessments, victim contacts and outcomes concern offences never
     * referred (court cases above all): counted, logged at debug only, as they are not the panel's business.
     * The referral, if any, came earlier on the same partition (keyed by child): it is stored, or it is in this
     * poll's batch, whose events are appended only when the batch commits.
     */
    private boolean referred(String referralId, IntegrationEvent event, Set<String> receivedHere) {
        if (receivedHere.contains(referralId) || eventStore.lastSequenceNumberFor(referralId).isPresent()) {
            return true;
        }
        meters.counter("yjs.panel.case-events.skipped", "reason", "not-referred").increment();
        log.debug("{} for child {} concerns an offence not referred to the panel", event.eventType(), event.childId());
        return false;
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        meters.counter("yjs.panel.case-events.skipped", "reason", reason).increment();
        log.warn("Case event at {}-{}@{} skipped ({}): {}", record.topic(), record.partition(), record.offset(),
                reason, detail);
    }
}
