package org.openyjs.panel.meeting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.openyjs.panel.api.PanelCommands.Attendee;
import org.openyjs.panel.api.PanelCommands.RecordAttendance;
import org.openyjs.panel.api.PanelCommands.ScheduleMeeting;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One weekly meeting of the joint out-of-court disposal panel: when it meets and who attended. The
 * cases on its agenda are each referral's own business ({@code referral.PanelReferral}), so a case can
 * be carried over or decided without two aggregates changing together.
 */
@Aggregate
public class PanelMeeting {

    @AggregateIdentifier
    private String panelId;
    private LocalDate meetingDate;

    protected PanelMeeting() {
        // for Axon: the meeting is rebuilt from its events
    }

    /** Meetings go back to the records of earlier years, but not before 2000, and are planned a year ahead at most. */
    static final LocalDate EARLIEST_MEETING = LocalDate.of(2000, 1, 1);

    @CommandHandler
    public PanelMeeting(ScheduleMeeting command, Clock clock) {
        LocalDate latest = LocalDate.now(clock).plusYears(1);
        if (command.meetingDate().isBefore(EARLIEST_MEETING) || command.meetingDate().isAfter(latest)) {
            throw new DomainRefusal("meetingDate", "a panel meeting is dated between " + EARLIEST_MEETING
                    + " and a year from today (" + latest + ")");
        }
        apply(new MeetingScheduled(command.panelId(), command.meetingDate()));
    }

    @CommandHandler
    public void handle(RecordAttendance command, QuorumRules quorum, Clock clock) {
        if (meetingDate.isAfter(LocalDate.now(clock))) {
            throw DomainRefusal.conflict("attendees", "the panel meets on " + meetingDate
                    + "; attendance is recorded once it has met");
        }
        for (int i = 0; i < command.attendees().size(); i++) {
            Attendee attendee = command.attendees().get(i);
            if (attendee == null || blank(attendee.agency()) || blank(attendee.role())) {
                throw new DomainRefusal("attendees[" + i + "]", "each attendee needs an agency and a role");
            }
        }
        List<String> shortfall = quorum.shortfall(command.attendees());
        apply(new AttendanceRecorded(panelId, List.copyOf(command.attendees()), shortfall.isEmpty(), shortfall));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @EventSourcingHandler
    void on(MeetingScheduled event) {
        panelId = event.panelId();
        meetingDate = event.meetingDate();
    }
}
