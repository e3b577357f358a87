package org.openyjs.panel.api;

import org.openyjs.panel.api.PanelCommands.Attendee;

import java.time.LocalDate;
import java.util.List;

/** The facts recorded about a panel meeting, as stored in panel-service's event store. */
public final class PanelEvents {

    private PanelEvents() {
    }

    public record MeetingScheduled(String panelId, LocalDate meetingDate) {
    }

    /**
     * Who attended and whether that made the panel quorate under the rules in force when recorded.
     *
     * @param quorumShortfall what was missing (empty when quorate), so the record explains itself
     */
    public record AttendanceRecorded(String panelId, List<Attendee> attendees, boolean quorate,
                                     List<String> quorumShortfall) {
    }
}
