package org.openyjs.cases.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.Arrest;
import org.openyjs.cases.api.CaseEvents.CaseTransferred;
import org.openyjs.cases.api.CaseEvents.PersonalDetailsRecorded;
import org.openyjs.cases.api.CaseEvents.PreventionReferralRecorded;
import org.openyjs.cases.api.CaseEvents.TransitionDecisionRecorded;
import org.openyjs.cases.api.CaseEvents.VictimDetailsRecorded;
import org.openyjs.cases.childcase.CaseVersion;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a child's case straight from its event stream: always current (no projection lag) and
 * showing every recorded fact with who recorded it and when.
 */
@Tag(name = "Child's case")
@RestController
@RequestMapping("/cases")
public class CaseTimelineController {

    private final EventStore eventStore;
    private final ReferenceData referenceData;
    private final Clock clock;

    public CaseTimelineController(EventStore eventStore, ReferenceData referenceData, Clock clock) {
        this.eventStore = eventStore;
        this.referenceData = referenceData;
        this.clock = clock;
    }

    /**
     * @param overdue       the due items whose date has passed (today in England)
     * @param lastTransfer  the latest transfer in or out of the service, or null
     * @param restrictedTo  the workers the record is restricted to, or null when it is not restricted
     */
    public record CaseView(String childId, String youthJusticeService, LocalDate dateOfBirth, String sex,
                           String ethnicity, String localAuthority, LocalDate openedOn, LocalDate closedOn,
                           List<CaseState.OffenceView> offences, List<CaseState.OrderView> orders,
                           List<PreventionReferralRecorded> preventionReferrals, List<Arrest> arrests,
                           String allocatedWorker, List<CaseState.CustodyView> custody,
                           TransitionDecisionRecorded transitionDecision, CaseTransferred lastTransfer,
                           List<String> restrictedTo,
                           List<CaseState.Due> due, List<CaseState.Due> overdue, List<TimelineEntry> timeline,
                           long version) {
    }

    /** @param eventId what a correction refers to when it names the fact it corrects */
    public record TimelineEntry(long sequence, String eventId, String event, Instant recordedAt, String recordedBy,
                                Object fact) {
    }

    @Operation(summary = "A child's case: current state (offences, orders, latest status, what is due) and its timeline")
    @GetMapping("/{childId}")
    public ResponseEntity<CaseView> read(@PathVariable String childId) {
        CaseState state = new CaseState();
        List<TimelineEntry> timeline = new ArrayList<>();
        long version = -1;
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(childId).asStream().toList();
        for (DomainEventMessage<?> message : events) {
            // Personal and victim details stay out of the timeline: they are read, audited, through their own
            // endpoints (victims' only by the victim officer).
            Object fact = message.getPayload() instanceof PersonalDetailsRecorded
                    ? "personal details recorded (encrypted)"
                    : message.getPayload() instanceof VictimDetailsRecorded victim
                    ? "victim " + victim.victimId() + " details recorded (encrypted)" : message.getPayload();
            version = message.getSequenceNumber();
            timeline.add(new TimelineEntry(version, message.getIdentifier(), message.getPayloadType().getSimpleName(),
                    message.getTimestamp(), (String) message.getMetaData().get(RecordingMetadata.RECORDED_BY), fact));
            state.apply(fact);
        }
        ChildRegistered child = state.child();
        if (child == null) {
            throw DomainRefusal.notFound(null, "No case for child " + childId);
        }
        List<CaseState.Due> due = state.due(referenceData);
        LocalDate today = LocalDate.now(clock);
        CaseView view = new CaseView(child.childId(), child.youthJusticeService(), child.dateOfBirth(), child.sex(),
                child.ethnicity(), child.localAuthority(), openedOn(child, events.get(0)), state.closedOn(),
                state.offences(), state.orders(), state.preventionReferrals(), state.arrests(), state.allocatedWorker(),
                state.custody(), state.transitionDecision(), state.lastTransfer(), state.restrictedTo(), due,
                due.stream().filter(d -> d.dueOn().isBefore(today)).toList(), timeline, version);
        // The ETag is the case version: send it back as If-Match to have a change refused if the case moved on.
        return ResponseEntity.ok().eTag(CaseVersion.etag(version)).body(view);
    }

    /** A case registered before the opening day was asked for opened the day it was recorded (in London). */
    private LocalDate openedOn(ChildRegistered child, DomainEventMessage<?> registration) {
        return child.openedOn() != null ? child.openedOn()
                : LocalDate.ofInstant(registration.getTimestamp(), clock.getZone());
    }
}
