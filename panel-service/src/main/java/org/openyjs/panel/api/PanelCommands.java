package org.openyjs.panel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** The commands a panel meeting accepts: scheduling and who attended. */
public final class PanelCommands {

    private PanelCommands() {
    }

    public record ScheduleMeeting(@TargetAggregateIdentifier String panelId, LocalDate meetingDate) {
    }

    /** Replaces the meeting's attendance list; quorum is judged against the configured rules. */
    public record RecordAttendance(@TargetAggregateIdentifier String panelId, List<Attendee> attendees) {
    }

    /** One member present, by agency (e.g. POLICE, YOUTH_JUSTICE_SERVICE) and role (e.g. CHAIR). */
    public record Attendee(String agency, String role) {
    }
}
