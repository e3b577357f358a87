package org.openyjs.panel.referral;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
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
    private final EventStore eventStore;
    private final MeterRegistry meters;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    /** The case events the panel acts on; the producer names each record's type in its eventType header. */
    private static final Set<String> PANEL_BUSINESS = Set.of("ReferredToOutOfCourtPanel", "AssessmentRecorded",
            "VictimContactRecorded", "OutcomeRecorded");

    public CaseEventsListener(CommandGateway commands, EventStore eventStore, MeterRegistry meters) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @KafkaListener(topics = Topics.CASE_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("eventType");
        if (type != null && !PANEL_BUSINESS.contains(new String(type.value(), StandardCharsets.UTF_8))) {
            return; // most case events are not the panel's business: not worth decoding
        }
        IntegrationEvent event;
        try {
            event = codec.read(record.value());
        } catch (IntegrationEventCodec.InvalidIntegrationEvent e) {
            skip(record, "unreadable", e.getMessage());
            return;
        }
        IntegrationPayload payload;
        try {
            payload = codec.payload(event).orElse(null);
        } catch (IntegrationEventCodec.InvalidIntegrationEvent e) {
            skip(record, "unreadable", e.getMessage());
            return;
        }
        Object command = toCommand(event, payload);
        if (command == null) {
            return; // other case events are not the panel's business
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(RecordingMetadata.RECORDED_BY,
                            event.recordedBy() != null ? event.recordedBy() : RecordingMetadata.SYSTEM)));
        } catch (AggregateNotFoundException e) {
            skip(record, "not-referred", event.eventType() + " for child " + event.childId()
                    + " concerns an offence not referred to the panel");
        } catch (DomainRefusal e) {
            skip(record, "refused", event.eventType() + " for child " + event.childId() + ": " + e.getMessage());
        }
    }

    private Object toCommand(IntegrationEvent event, IntegrationPayload payload) {
        if (payload instanceof ReferredToOutOfCourtPanel r) {
            return new ReceiveReferral(ReferralId.of(r.childId(), r.offenceId()), r.childId(), r.offenceId(),
                    event.youthJusticeService(), r.referralDate(), r.gravityScore(), r.admitted());
        }
        if (payload instanceof AssessmentRecorded a && a.offenceId() != null) {
            String referralId = ReferralId.of(a.childId(), a.offenceId());
            return referred(referralId, event) ? new NoteAssessment(referralId, a.assessmentId(), a.tool(),
                    a.completedOn(), a.qualityAssuredOn()) : null;
        }
        if (payload instanceof VictimContactRecorded v) {
            String referralId = ReferralId.of(v.childId(), v.offenceId());
            return referred(referralId, event) ? new NoteVictimContact(referralId, v.victimId(), v.contactedOn(),
                    v.result(), v.consentedToContact(), v.restorativeJusticeOffered()) : null;
        }
        if (payload instanceof OutcomeRecorded o && o.panelDecisionId() == null) {
            String referralId = ReferralId.of(o.childId(), o.offenceId());
            return referred(referralId, event)
                    ? new CloseOnOutcomeElsewhere(referralId, o.outcomeCode(), o.outcomeDate())
                    : null;
        }
        return null; // among them the panel's own decision coming back as the case's outcome
    }

    /**
     * Whether the offence has a referral: one indexed look-up in the event store, cheaper than a command that
     * fails to load the aggregate. Most assessments, victim contacts and outcomes concern offences never
     * referred (court cases above all): counted, logged at debug only, as they are not the panel's business.
     * The referral, if any, came earlier on the same partition (keyed by child), so it is already stored.
     */
    private boolean referred(String referralId, IntegrationEvent event) {
        if (eventStore.lastSequenceNumberFor(referralId).isPresent()) {
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
