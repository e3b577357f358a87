package org.openyjs.panel.meeting;

import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;

import java.util.Optional;

/**
 * Who attended a meeting, as last recorded: what a decision taken there is checked against (quorum).
 * An interface so a referral's command handler can be given it, and its tests a fixed answer.
 */
@FunctionalInterface
public interface MeetingAttendance {

    /** The meeting's latest attendance; empty when none is recorded (or there is no such meeting). */
    Optional<AttendanceRecorded> latest(String panelId);
}
