package org.openyjs.panel.meeting;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.api.PanelCommands.Attendee;
import org.openyjs.panel.api.PanelCommands.RecordAttendance;
import org.openyjs.panel.api.PanelCommands.ScheduleMeeting;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

class PanelMeetingTest {

    private static final String PANEL = "panel-2024-01-10";
    private static final LocalDate MEETS = LocalDate.of(2024, 1, 10);
    private static final Attendee POLICE = new Attendee("POLICE", "SERGEANT");
    private static final Attendee CHAIR = new Attendee("YOUTH_JUSTICE_SERVICE", "CHAIR");
    private static final Attendee RJ = new Attendee("YOUTH_JUSTICE_SERVICE", "RJ_COORDINATOR");

    private AggregateTestFixture<PanelMeeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PanelMeeting.class);
        fixture.registerInjectableResource(new QuorumRules(3, Set.of("POLICE", "YOUTH_JUSTICE_SERVICE")));
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2024-01-10T15:00:00Z"), ZoneId.of("Europe/London")));
    }

    @Test
    void scheduling_a_meeting() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(PANEL, MEETS))
                .expectEvents(new MeetingScheduled(PANEL, MEETS));
    }

    @Test
    void a_meeting_is_dated_from_2000_to_a_year_ahead() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(PANEL, LocalDate.of(2025, 1, 11)))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("a panel meeting is dated between 2000-01-01 and a year from today (2025-01-10)");
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(PANEL, LocalDate.of(1999, 12, 31)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(PANEL, LocalDate.of(2025, 1, 10)))
                .expectEvents(new MeetingScheduled(PANEL, LocalDate.of(2025, 1, 10)));
    }

    @Test
    void police_and_the_youth_justice_service_with_three_members_make_the_panel_quorate() {
        fixture.given(new MeetingScheduled(PANEL, MEETS))
                .when(new RecordAttendance(PANEL, List.of(POLICE, CHAIR, RJ)))
                .expectEvents(new AttendanceRecorded(PANEL, List.of(POLICE, CHAIR, RJ), true, List.of()));
    }

    @Test
    void a_panel_without_the_police_is_not_quorate_and_says_why() {
        fixture.given(new MeetingScheduled(PANEL, MEETS))
                .when(new RecordAttendance(PANEL, List.of(CHAIR, RJ)))
                .expectEvents(new AttendanceRecorded(PANEL, List.of(CHAIR, RJ), false,
                        List.of("at least 3 attendees (2 present)", "someone from POLICE")));
    }

    @Test
    void an_attendee_without_an_agency_is_refused() {
        fixture.given(new MeetingScheduled(PANEL, MEETS))
                .when(new RecordAttendance(PANEL, List.of(POLICE, new Attendee(" ", "CHAIR"))))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("each attendee needs an agency and a role");
    }

    @Test
    void attendance_waits_until_the_panel_has_met() {
        fixture.given(new MeetingScheduled(PANEL, MEETS.plusDays(7)))
                .when(new RecordAttendance(PANEL, List.of(POLICE, CHAIR, RJ)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }
}
