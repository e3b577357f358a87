package org.openyjs.panel.meeting;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.api.PanelCommands.ListCase;
import org.openyjs.panel.api.PanelCommands.RecordDecision;
import org.openyjs.panel.api.PanelCommands.ScheduleMeeting;
import org.openyjs.panel.api.PanelEvents.CaseListed;
import org.openyjs.panel.api.PanelEvents.DecisionRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

class PanelMeetingTest {

    private static final String PANEL = "panel-2024-01-10";
    private static final LocalDate MEETS = LocalDate.of(2024, 1, 10);

    private AggregateTestFixture<PanelMeeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PanelMeeting.class);
        fixture.registerInjectableResource(new PanelOutcomes(Set.of("OUTCOME_22", "YOUTH_CAUTION", "COMMUNITY_RESOLUTION")));
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2024-01-10T15:00:00Z"), ZoneId.of("Europe/London")));
    }

    private static CaseListed listed(String child) {
        return new CaseListed(PANEL, child, "o1", "leicestershire");
    }

    @Test
    void scheduling_a_meeting() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(PANEL, MEETS))
                .expectEvents(new MeetingScheduled(PANEL, MEETS));
    }

    @Test
    void listing_a_child_s_case_places_it_on_the_agenda() {
        fixture.given(new MeetingScheduled(PANEL, MEETS))
                .when(new ListCase(PANEL, "child-1", "o1", "leicestershire"))
                .expectEvents(listed("child-1"));
    }

    @Test
    void the_same_case_cannot_be_listed_twice() {
        fixture.given(new MeetingScheduled(PANEL, MEETS), listed("child-1"))
                .when(new ListCase(PANEL, "child-1", "o1", "leicestershire"))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void a_decision_on_a_listed_case_is_dated_the_day_the_panel_met() {
        fixture.given(new MeetingScheduled(PANEL, MEETS), listed("child-1"))
                .when(new RecordDecision(PANEL, "d1", "child-1", "o1", "OUTCOME_22", "First offence, remorseful"))
                .expectEvents(new DecisionRecorded(PANEL, "d1", "child-1", "o1", "leicestershire", "OUTCOME_22", MEETS,
                        "First offence, remorseful"));
    }

    @Test
    void a_decision_on_a_case_not_on_the_agenda_is_refused() {
        fixture.given(new MeetingScheduled(PANEL, MEETS))
                .when(new RecordDecision(PANEL, "d1", "child-1", "o1", "OUTCOME_22", "reason"))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("child child-1's offence o1 is not on this panel's agenda");
    }

    @Test
    void a_case_is_decided_once() {
        fixture.given(new MeetingScheduled(PANEL, MEETS), listed("child-1"),
                        new DecisionRecorded(PANEL, "d1", "child-1", "o1", "leicestershire", "OUTCOME_22", MEETS, "r"))
                .when(new RecordDecision(PANEL, "d2", "child-1", "o1", "YOUTH_CAUTION", "changed our minds"))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_outcome_the_panel_does_not_decide_is_refused() {
        fixture.given(new MeetingScheduled(PANEL, MEETS), listed("child-1"))
                .when(new RecordDecision(PANEL, "d1", "child-1", "o1", "DETENTION_AND_TRAINING_ORDER", "no"))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void a_panel_that_has_not_met_yet_cannot_decide() {
        LocalDate nextWeek = MEETS.plusDays(7);
        fixture.given(new MeetingScheduled(PANEL, nextWeek), listed("child-1"))
                .when(new RecordDecision(PANEL, "d1", "child-1", "o1", "OUTCOME_22", "reason"))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }
}
