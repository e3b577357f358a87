package org.openyjs.panel.meeting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.openyjs.panel.api.PanelCommands.ListCase;
import org.openyjs.panel.api.PanelCommands.RecordDecision;
import org.openyjs.panel.api.PanelCommands.ScheduleMeeting;
import org.openyjs.panel.api.PanelEvents.CaseListed;
import org.openyjs.panel.api.PanelEvents.DecisionRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One meeting of the joint out-of-court disposal panel: its agenda and its decisions. */
@Aggregate
public class PanelMeeting {

    @AggregateIdentifier
    private String panelId;
    private LocalDate meetingDate;
    /** Listed cases by child and offence, with the child's home service. */
    private final Map<ListedCase, String> agenda = new HashMap<>();
    private final Set<ListedCase> decided = new HashSet<>();

    private record ListedCase(String childId, String offenceId) {
    }

    protected PanelMeeting() {
        // for Axon: the meeting is rebuilt from its events
    }

    @CommandHandler
    public PanelMeeting(ScheduleMeeting command) {
        apply(new MeetingScheduled(command.panelId(), command.meetingDate()));
    }

    @CommandHandler
    public void handle(ListCase command) {
        ListedCase listed = new ListedCase(command.childId(), command.offenceId());
        if (agenda.containsKey(listed)) {
            throw DomainRefusal.conflict("offenceId", "child " + command.childId() + "'s offence "
                    + command.offenceId() + " is already on this panel's agenda");
        }
        apply(new CaseListed(panelId, command.childId(), command.offenceId(), command.youthJusticeService()),
                MetaData.with(RecordingMetadata.YOUTH_JUSTICE_SERVICE, command.youthJusticeService()));
    }

    @CommandHandler
    public void handle(RecordDecision command, PanelOutcomes outcomes, Clock clock) {
        ListedCase listed = new ListedCase(command.childId(), command.offenceId());
        String youthJusticeService = agenda.get(listed);
        if (youthJusticeService == null) {
            throw DomainRefusal.notFound("offenceId", "child " + command.childId() + "'s offence "
                    + command.offenceId() + " is not on this panel's agenda");
        }
        if (decided.contains(listed)) {
            throw DomainRefusal.conflict("offenceId", "the panel has already decided this case");
        }
        if (!outcomes.allows(command.outcomeCode())) {
            throw new DomainRefusal("outcomeCode", "the panel cannot decide " + command.outcomeCode()
                    + "; it decides one of " + outcomes.outcomes());
        }
        if (meetingDate.isAfter(LocalDate.now(clock))) {
            throw DomainRefusal.conflict("panelId", "the panel meets on " + meetingDate + " and has not met yet");
        }
        apply(new DecisionRecorded(panelId, command.decisionId(), command.childId(), command.offenceId(),
                        youthJusticeService, command.outcomeCode(), meetingDate, command.rationale()),
                MetaData.with(RecordingMetadata.YOUTH_JUSTICE_SERVICE, youthJusticeService));
    }

    @EventSourcingHandler
    void on(MeetingScheduled event) {
        panelId = event.panelId();
        meetingDate = event.meetingDate();
    }

    @EventSourcingHandler
    void on(CaseListed event) {
        agenda.put(new ListedCase(event.childId(), event.offenceId()), event.youthJusticeService());
    }

    @EventSourcingHandler
    void on(DecisionRecorded event) {
        decided.add(new ListedCase(event.childId(), event.offenceId()));
    }
}
