package org.openyjs.panel.referral;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.api.PanelCommands.Attendee;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.ReferralCommands.AmendDecision;
import org.openyjs.panel.api.ReferralCommands.MarkConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralCommands.CarryOver;
import org.openyjs.panel.api.ReferralCommands.CloseOnOutcomeElsewhere;
import org.openyjs.panel.api.ReferralCommands.MarkDecisionOverdue;
import org.openyjs.panel.api.ReferralCommands.NoteAssessment;
import org.openyjs.panel.api.ReferralCommands.NoteVictimContact;
import org.openyjs.panel.api.ReferralCommands.PlaceOnAgenda;
import org.openyjs.panel.api.ReferralCommands.ReceiveReferral;
import org.openyjs.panel.api.ReferralCommands.RecordConditionsCompleted;
import org.openyjs.panel.api.ReferralCommands.RecordConditionsNotCompleted;
import org.openyjs.panel.api.ReferralCommands.RecordDecision;
import org.openyjs.panel.api.ReferralCommands.RecordScrutinyFinding;
import org.openyjs.panel.api.ReferralCommands.WithdrawReferral;
import org.openyjs.panel.api.ReferralEvents.AssessmentNoted;
import org.openyjs.panel.api.ReferralEvents.CarriedOver;
import org.openyjs.panel.api.ReferralEvents.ConditionsCompleted;
import org.openyjs.panel.api.ReferralEvents.ConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.PlacedOnAgenda;
import org.openyjs.panel.api.ReferralEvents.QuorumOverridden;
import org.openyjs.panel.api.ReferralEvents.ReferralClosedByOutcomeElsewhere;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;
import org.openyjs.panel.api.ReferralEvents.ScrutinyFindingRecorded;
import org.openyjs.panel.api.ReferralEvents.SelectedForScrutiny;
import org.openyjs.panel.api.ReferralEvents.VictimContactNoted;
import org.openyjs.panel.meeting.MeetingAttendance;
import org.openyjs.panel.scrutiny.ScrutinySampling;
import org.openyjs.panel.timeliness.DecisionDeadline;
import org.openyjs.support.calendar.WorkingDays;
import org.openyjs.support.web.DomainRefusal;

import org.hamcrest.CustomMatcher;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PanelReferralTest {

    private static final String REFERRAL = "r1";
    private static final String PANEL = "panel-2024-01-10";
    private static final LocalDate REFERRED = LocalDate.of(2023, 12, 15);
    private static final LocalDate DUE = LocalDate.of(2024, 1, 10);
    private static final LocalDate MEETS = LocalDate.of(2024, 1, 10);
    private static final String CITY = "leicester-city";

    private static final Attendee POLICE = new Attendee("POLICE", "SERGEANT");
    private static final Attendee CHAIR = new Attendee("YOUTH_JUSTICE_SERVICE", "CHAIR");
    private static final Attendee RJ = new Attendee("YOUTH_JUSTICE_SERVICE", "RJ_COORDINATOR");

    private AggregateTestFixture<PanelReferral> fixture;
    /** Each meeting's attendance as recorded; the panel meets quorate unless a test says otherwise. */
    private final Map<String, AttendanceRecorded> attendance = new HashMap<>();

    @BeforeEach
    void setUp() {
        attendance.put(PANEL, new AttendanceRecorded(PANEL, List.of(POLICE, CHAIR, RJ), true, List.of()));
        fixture = fixtureOn(Instant.parse("2024-01-10T15:00:00Z"));
    }

    private AggregateTestFixture<PanelReferral> fixtureOn(Instant now) {
        AggregateTestFixture<PanelReferral> fixture = new AggregateTestFixture<>(PanelReferral.class);
        fixture.registerInjectableResource(new DecisionRules(
                Set.of("NO_FURTHER_ACTION", "OUTCOME_20", "OUTCOME_21", "OUTCOME_22", "COMMUNITY_RESOLUTION",
                        "YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION", "CHARGE"),
                Set.of("YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION", "COMMUNITY_RESOLUTION"),
                "YOUTH_CONDITIONAL_CAUTION"));
        fixture.registerInjectableResource(new DecisionDeadline(15, new WorkingDays(List.of(
                LocalDate.of(2023, 12, 25), LocalDate.of(2023, 12, 26), LocalDate.of(2024, 1, 1)))));
        // No random sample here: only the rules pick decisions for scrutiny, so expectations are exact.
        fixture.registerInjectableResource(new ScrutinySampling(0.0, 1L, Set.of("YOUTH_CONDITIONAL_CAUTION"), true));
        fixture.registerInjectableResource((MeetingAttendance) panelId -> Optional.ofNullable(attendance.get(panelId)));
        fixture.registerInjectableResource(Clock.fixed(now, ZoneId.of("Europe/London")));
        return fixture;
    }

    private static ReferralReceived referred(boolean admitted) {
        return new ReferralReceived(REFERRAL, "c1", "o1", CITY, REFERRED, 2, admitted, DUE);
    }

    private static AssessmentNoted assured() {
        return new AssessmentNoted(REFERRAL, "a1", "PREVENTION_AND_DIVERSION", LocalDate.of(2024, 1, 3),
                LocalDate.of(2024, 1, 5));
    }

    private static PlacedOnAgenda listed() {
        return new PlacedOnAgenda(REFERRAL, PANEL, MEETS);
    }

    private static RecordDecision decide(String outcome) {
        return new RecordDecision(REFERRAL, "d1", PANEL, outcome, null, "First offence; remorseful", "Knife crime "
                + "awareness", null, null, null, List.of(), null);
    }

    private static DecisionRecorded decided(String outcome) {
        return new DecisionRecorded(REFERRAL, "d1", PANEL, "c1", "o1", CITY, outcome, MEETS, 2,
                "First offence; remorseful", "Knife crime awareness", null, null, List.of(), null, 15, true);
    }

    // --- intake from case-service

    @Test
    void a_referral_arrives_with_its_decision_due_fifteen_working_days_later() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveReferral(REFERRAL, "c1", "o1", CITY, REFERRED, 2, true))
                .expectEvents(referred(true))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_redelivered_referral_changes_nothing() {
        fixture.given(referred(true))
                .when(new ReceiveReferral(REFERRAL, "c1", "o1", CITY, REFERRED, 2, true))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_referral_with_a_gravity_score_off_the_matrix_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveReferral(REFERRAL, "c1", "o1", CITY, REFERRED, 6, true))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_assessment_is_noted_once_and_again_when_it_is_quality_assured() {
        AssessmentNoted completed = new AssessmentNoted(REFERRAL, "a1", "PREVENTION_AND_DIVERSION",
                LocalDate.of(2024, 1, 3), null);
        fixture.given(referred(true), completed)
                .when(new NoteAssessment(REFERRAL, "a1", "PREVENTION_AND_DIVERSION", LocalDate.of(2024, 1, 3), null))
                .expectNoEvents();
        fixture.given(referred(true), completed)
                .when(new NoteAssessment(REFERRAL, "a1", "PREVENTION_AND_DIVERSION", LocalDate.of(2024, 1, 3),
                        LocalDate.of(2024, 1, 5)))
                .expectEvents(assured());
    }

    @Test
    void the_victim_s_views_are_noted_for_the_chair() {
        fixture.given(referred(true))
                .when(new NoteVictimContact(REFERRAL, "v1", LocalDate.of(2024, 1, 4), "VIEWS_GIVEN", true, true))
                .expectEvents(new VictimContactNoted(REFERRAL, "v1", LocalDate.of(2024, 1, 4), "VIEWS_GIVEN", true, true));
    }

    @Test
    void an_unknown_victim_contact_result_is_refused() {
        fixture.given(referred(true))
                .when(new NoteVictimContact(REFERRAL, "v1", LocalDate.of(2024, 1, 4), "MAYBE", true, true))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    // --- the agenda

    @Test
    void the_chair_places_a_referred_case_on_a_meeting() {
        fixture.given(referred(true))
                .when(new PlaceOnAgenda(REFERRAL, PANEL, MEETS))
                .expectEvents(listed());
    }

    @Test
    void a_case_is_on_one_agenda_at_a_time() {
        fixture.given(referred(true), listed())
                .when(new PlaceOnAgenda(REFERRAL, "panel-2024-01-17", MEETS.plusDays(7)))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("the case is already on the agenda of panel " + PANEL + "; carry it over instead");
    }

    @Test
    void a_case_is_carried_over_to_a_later_meeting_with_a_reason() {
        fixture.given(referred(true), listed())
                .when(new CarryOver(REFERRAL, "panel-2024-01-17", MEETS.plusDays(7), "victim's views not yet obtained"))
                .expectEvents(new CarriedOver(REFERRAL, PANEL, "panel-2024-01-17", MEETS.plusDays(7),
                        "victim's views not yet obtained"));
    }

    @Test
    void carrying_over_to_an_earlier_meeting_or_without_a_reason_is_refused() {
        fixture.given(referred(true), listed())
                .when(new CarryOver(REFERRAL, "panel-2024-01-03", MEETS.minusDays(7), "why not"))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), listed())
                .when(new CarryOver(REFERRAL, "panel-2024-01-17", MEETS.plusDays(7), " "))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void a_case_is_withdrawn_with_a_reason_and_then_cannot_be_listed() {
        fixture.given(referred(true), listed())
                .when(new WithdrawReferral(REFERRAL, "charged by CPS with a further offence"))
                .expectEvents(new ReferralWithdrawn(REFERRAL, PANEL, "charged by CPS with a further offence", MEETS));
        fixture.given(referred(true), new ReferralWithdrawn(REFERRAL, null, "r", MEETS))
                .when(new PlaceOnAgenda(REFERRAL, PANEL, MEETS))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    // --- an outcome given outside the panel

    private static final LocalDate OUTCOME_DAY = LocalDate.of(2024, 1, 5);

    private static ReferralClosedByOutcomeElsewhere closedElsewhere(String panelId) {
        return new ReferralClosedByOutcomeElsewhere(REFERRAL, "c1", "o1", CITY, panelId, "COMMUNITY_RESOLUTION",
                OUTCOME_DAY);
    }

    @Test
    void an_outcome_given_outside_the_panel_closes_the_open_referral_with_the_outcome() {
        fixture.given(referred(true))
                .when(new CloseOnOutcomeElsewhere(REFERRAL, "COMMUNITY_RESOLUTION", OUTCOME_DAY))
                .expectEvents(closedElsewhere(null));
        fixture.given(referred(true), assured(), listed())
                .when(new CloseOnOutcomeElsewhere(REFERRAL, "COMMUNITY_RESOLUTION", OUTCOME_DAY))
                .expectEvents(closedElsewhere(PANEL));
    }

    @Test
    void the_outcome_delivered_again_closes_nothing_more() {
        fixture.given(referred(true), closedElsewhere(null))
                .when(new CloseOnOutcomeElsewhere(REFERRAL, "COMMUNITY_RESOLUTION", OUTCOME_DAY))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_decided_or_withdrawn_referral_is_not_closed_by_an_outcome() {
        fixture.given(referred(true), assured(), listed(), decided("OUTCOME_22"))
                .when(new CloseOnOutcomeElsewhere(REFERRAL, "OUTCOME_22", MEETS))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(referred(true), new ReferralWithdrawn(REFERRAL, null, "r", MEETS))
                .when(new CloseOnOutcomeElsewhere(REFERRAL, "YOUTH_CAUTION", MEETS))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_closed_referral_cannot_be_decided_saying_which_outcome_was_given_elsewhere() {
        fixture.given(referred(true), assured(), listed(), closedElsewhere(PANEL))
                .when(decide("YOUTH_CAUTION"))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("the referral is closed: case-service recorded the outcome COMMUNITY_RESOLUTION"
                        + " on 2024-01-05 outside the panel, so there is nothing left for the panel to decide");
        fixture.given(referred(true), closedElsewhere(null))
                .when(new PlaceOnAgenda(REFERRAL, PANEL, MEETS))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), closedElsewhere(null))
                .when(new WithdrawReferral(REFERRAL, "no longer needed"))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void the_refusal_of_a_decision_on_a_closed_referral_is_a_conflict_naming_the_referral() {
        fixture.given(referred(true), assured(), listed(), closedElsewhere(PANEL))
                .when(decide("YOUTH_CAUTION"))
                .expectException(new CustomMatcher<Object>("a 409 refusal naming referralId") {
                    @Override
                    public boolean matches(Object actual) {
                        return actual instanceof DomainRefusal refusal && refusal.status() == HttpStatus.CONFLICT
                                && "referralId".equals(refusal.field());
                    }
                });
    }

    @Test
    void assessments_and_victim_contacts_for_a_closed_referral_record_nothing() {
        fixture.given(referred(true), closedElsewhere(null))
                .when(new NoteAssessment(REFERRAL, "a1", "PREVENTION_AND_DIVERSION", LocalDate.of(2024, 1, 3),
                        LocalDate.of(2024, 1, 5)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(referred(true), closedElsewhere(null))
                .when(new NoteVictimContact(REFERRAL, "v1", LocalDate.of(2024, 1, 4), "VIEWS_GIVEN", true, true))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void a_closed_referral_is_never_overdue() {
        fixture.given(referred(true), closedElsewhere(null))
                .when(new MarkDecisionOverdue(REFERRAL))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    // --- the decision

    @Test
    void a_decision_is_dated_the_day_the_panel_met_with_its_working_days_from_referral() {
        fixture.given(referred(true), assured(), listed())
                .when(decide("YOUTH_CAUTION"))
                .expectEvents(decided("YOUTH_CAUTION"));
    }

    @Test
    void a_caution_without_an_admission_is_refused() {
        fixture.given(referred(false), assured(), listed())
                .when(decide("YOUTH_CAUTION"))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("YOUTH_CAUTION needs an admission and child c1 has not admitted offence o1");
    }

    @Test
    void a_conditional_caution_without_an_admission_is_refused() {
        fixture.given(referred(false), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "YOUTH_CONDITIONAL_CAUTION", 3, "r", null, null, null, null,
                        List.of("Attend 4 sessions"), MEETS.plusMonths(3)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void outcome_22_and_outcome_21_need_no_admission() {
        fixture.given(referred(false), assured(), listed())
                .when(decide("OUTCOME_22"))
                .expectEvents(decided("OUTCOME_22"));
        fixture.given(referred(false), assured(), listed())
                .when(decide("OUTCOME_21"))
                .expectEvents(decided("OUTCOME_21"));
    }

    @Test
    void without_a_quality_assured_assessment_the_chair_must_override_with_a_reason() {
        fixture.given(referred(true), listed())
                .when(decide("OUTCOME_22"))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("the assessment is not quality-assured; the chair may decide only with an "
                        + "override and its reason");
    }

    @Test
    void an_override_is_recorded_and_sends_the_decision_to_scrutiny() {
        fixture.given(referred(true), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "OUTCOME_22", null, "First offence; remorseful",
                        "Knife crime awareness", "Police preferred a caution", "QA manager on leave; assessment "
                        + "complete", null, List.of(), null))
                .expectEvents(new DecisionRecorded(REFERRAL, "d1", PANEL, "c1", "o1", CITY, "OUTCOME_22", MEETS, 2,
                                "First offence; remorseful", "Knife crime awareness", "Police preferred a caution",
                                "QA manager on leave; assessment complete", List.of(), null, 15, true),
                        new SelectedForScrutiny(REFERRAL, "d1", "OUTCOME_22", List.of("CHAIR_OVERRIDE")));
    }

    @Test
    void a_conditional_caution_needs_its_conditions_and_their_end_date_and_is_always_scrutinised() {
        LocalDate end = MEETS.plusMonths(3);
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "YOUTH_CONDITIONAL_CAUTION", 3, "r", "YJS programme",
                        null, null, null, List.of("Attend 4 sessions", "Letter of apology"), end))
                .expectEvents(new DecisionRecorded(REFERRAL, "d1", PANEL, "c1", "o1", CITY, "YOUTH_CONDITIONAL_CAUTION",
                                MEETS, 3, "r", "YJS programme", null, null, List.of("Attend 4 sessions",
                                "Letter of apology"), end, 15, true),
                        new SelectedForScrutiny(REFERRAL, "d1", "YOUTH_CONDITIONAL_CAUTION",
                                List.of("OUTCOME_YOUTH_CONDITIONAL_CAUTION")));
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "YOUTH_CONDITIONAL_CAUTION", 3, "r", null, null, null, null,
                        List.of(), end))
                .expectNoEvents().expectException(DomainRefusal.class).expectExceptionMessage(
                        "YOUTH_CONDITIONAL_CAUTION needs its conditions");
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "YOUTH_CONDITIONAL_CAUTION", 3, "r", null, null, null, null,
                        List.of("Attend 4 sessions"), MEETS))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void conditions_belong_only_to_a_conditional_caution() {
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "YOUTH_CAUTION", 3, "r", null, null, null, null,
                        List.of("Attend 4 sessions"), MEETS.plusMonths(1)))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void a_gravity_score_is_needed_from_the_referral_or_the_panel() {
        fixture.given(new ReferralReceived(REFERRAL, "c1", "o1", CITY, REFERRED, null, true, DUE), assured(), listed())
                .when(decide("OUTCOME_22"))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "OUTCOME_22", 0, "r", null, null, null, null, List.of(), null))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void charge_is_an_outcome_the_panel_can_decide_but_a_court_order_is_not() {
        fixture.given(referred(false), assured(), listed())
                .when(decide("CHARGE"))
                .expectEvents(decided("CHARGE"));
        fixture.given(referred(true), assured(), listed())
                .when(decide("DETENTION_AND_TRAINING_ORDER"))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void a_case_not_on_this_meeting_s_agenda_cannot_be_decided_there() {
        fixture.given(referred(true), assured())
                .when(decide("OUTCOME_22"))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), assured(), new PlacedOnAgenda(REFERRAL, "panel-2024-01-03", MEETS.minusDays(7)))
                .when(decide("OUTCOME_22"))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void a_panel_that_has_not_met_yet_cannot_decide() {
        fixture.given(referred(true), assured(), new PlacedOnAgenda(REFERRAL, PANEL, MEETS.plusDays(7)))
                .when(decide("OUTCOME_22"))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void a_case_is_decided_once_and_is_then_amended_only() {
        fixture.given(referred(true), assured(), listed(), decided("OUTCOME_22"))
                .when(decide("YOUTH_CAUTION"))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("the panel has already decided this case; amend the decision instead");
    }

    @Test
    void a_decision_after_the_due_date_is_recorded_as_late() {
        LocalDate later = LocalDate.of(2024, 1, 10);
        fixture.given(new ReferralReceived(REFERRAL, "c1", "o1", CITY, LocalDate.of(2023, 12, 1), 2, true,
                        LocalDate.of(2023, 12, 22)), assured(), listed())
                .when(decide("OUTCOME_22"))
                .expectEvents(new DecisionRecorded(REFERRAL, "d1", PANEL, "c1", "o1", CITY, "OUTCOME_22", later, 2,
                        "First offence; remorseful", "Knife crime awareness", null, null, List.of(), null, 25, false));
    }

    // --- quorum

    @Test
    void a_decision_at_a_meeting_that_was_not_quorate_is_refused_saying_what_it_lacked() {
        attendance.put(PANEL, new AttendanceRecorded(PANEL, List.of(CHAIR, RJ), false,
                List.of("someone from POLICE")));
        fixture.given(referred(true), assured(), listed())
                .when(decide("OUTCOME_22"))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("panel " + PANEL + " was not quorate (it lacked someone from POLICE); the chair "
                        + "may decide only with an override and its reason");
    }

    @Test
    void a_blank_quorum_override_is_no_override() {
        attendance.put(PANEL, new AttendanceRecorded(PANEL, List.of(CHAIR, RJ), false,
                List.of("someone from POLICE")));
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "OUTCOME_22", null, "r", null, null, null, "  ",
                        List.of(), null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void the_chair_may_override_the_quorum_with_a_reason_and_the_decision_goes_to_scrutiny() {
        attendance.put(PANEL, new AttendanceRecorded(PANEL, List.of(CHAIR, RJ), false,
                List.of("at least 3 attendees (2 present)", "someone from POLICE")));
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "OUTCOME_22", null, "First offence; remorseful",
                        "Knife crime awareness", null, null, "Police views given in writing; child waiting 4 weeks",
                        List.of(), null))
                .expectEvents(new QuorumOverridden(REFERRAL, "d1", PANEL, MEETS,
                                List.of("at least 3 attendees (2 present)", "someone from POLICE"),
                                "Police views given in writing; child waiting 4 weeks"),
                        decided("OUTCOME_22"),
                        new SelectedForScrutiny(REFERRAL, "d1", "OUTCOME_22", List.of("CHAIR_OVERRIDE")));
    }

    @Test
    void at_a_quorate_meeting_there_is_no_quorum_to_override() {
        fixture.given(referred(true), assured(), listed())
                .when(new RecordDecision(REFERRAL, "d1", PANEL, "OUTCOME_22", null, "First offence; remorseful",
                        "Knife crime awareness", null, null, "just in case", List.of(), null))
                .expectEvents(decided("OUTCOME_22"));
    }

    @Test
    void a_decision_waits_until_the_meeting_s_attendance_is_recorded() {
        attendance.clear();
        fixture.given(referred(true), assured(), listed())
                .when(decide("OUTCOME_22"))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage("who attended panel " + PANEL + " is not recorded; record the attendance "
                        + "before its decisions");
    }

    // --- amendments

    @Test
    void an_amendment_needs_a_reason_and_keeps_the_original_on_record() {
        fixture.given(referred(true), assured(), listed(), decided("YOUTH_CAUTION"))
                .when(new AmendDecision(REFERRAL, "a1", "OUTCOME_22", null, "Fresh information", null, null, null,
                        List.of(), null, " "))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), assured(), listed(), decided("YOUTH_CAUTION"))
                .when(new AmendDecision(REFERRAL, "a1", "OUTCOME_22", null, "Fresh information", null, null, null,
                        List.of(), null, "Victim withdrew support for a caution"))
                .expectEvents(new DecisionAmended(REFERRAL, "a1", "d1", PANEL, "c1", "o1", CITY, "OUTCOME_22", MEETS, 2,
                        "Fresh information", null, null, null, List.of(), null, "Victim withdrew support for a caution"));
    }

    @Test
    void an_amendment_follows_the_decision_rules() {
        fixture.given(referred(false), assured(), listed(), decided("OUTCOME_22"))
                .when(new AmendDecision(REFERRAL, "a1", "YOUTH_CAUTION", null, "r", null, null, null, List.of(), null,
                        "reason"))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), assured(), listed())
                .when(new AmendDecision(REFERRAL, "a1", "OUTCOME_22", null, "r", null, null, null, List.of(), null,
                        "reason"))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    // --- time rules

    @Test
    void an_undecided_case_past_its_due_date_is_overdue_once() {
        fixture.given(referred(true), listed())
                .when(new MarkDecisionOverdue(REFERRAL))
                .expectEvents(new DecisionOverdue(REFERRAL, CITY, DUE));
        fixture.given(referred(true), new DecisionOverdue(REFERRAL, CITY, DUE))
                .when(new MarkDecisionOverdue(REFERRAL))
                .expectNoEvents();
        fixture.given(referred(true), assured(), listed(), decided("OUTCOME_22"))
                .when(new MarkDecisionOverdue(REFERRAL))
                .expectNoEvents();
    }

    @Test
    void conditions_not_completed_are_recorded_after_their_end_date() {
        LocalDate end = LocalDate.of(2024, 4, 10);
        DecisionRecorded caution = new DecisionRecorded(REFERRAL, "d1", PANEL, "c1", "o1", CITY,
                "YOUTH_CONDITIONAL_CAUTION", MEETS, 3, "r", null, null, null, List.of("Attend 4 sessions"), end, 15, true);
        fixture.given(referred(true), assured(), listed(), caution)
                .when(new RecordConditionsNotCompleted(REFERRAL, LocalDate.of(2024, 4, 12), "Attended 1 of 4 sessions"))
                .expectEvents(new ConditionsNotCompleted(REFERRAL, "d1", "c1", "o1", CITY, end, LocalDate.of(2024, 4, 12),
                        "Attended 1 of 4 sessions"));
        fixture.given(referred(true), assured(), listed(), caution)
                .when(new RecordConditionsNotCompleted(REFERRAL, LocalDate.of(2024, 3, 1), "Not attending"))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), assured(), listed(), decided("YOUTH_CAUTION"))
                .when(new RecordConditionsNotCompleted(REFERRAL, LocalDate.of(2024, 4, 12), "n/a"))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void a_conditional_caution_whose_end_date_passed_unrecorded_shows_completion_not_recorded_once() {
        LocalDate end = LocalDate.of(2024, 4, 10);
        DecisionRecorded caution = new DecisionRecorded(REFERRAL, "d1", PANEL, "c1", "o1", CITY,
                "YOUTH_CONDITIONAL_CAUTION", MEETS, 3, "r", null, null, null, List.of("Attend 4 sessions"), end, 15, true);
        ConditionsEndDatePassed passed = new ConditionsEndDatePassed(REFERRAL, "d1", CITY, end);
        AggregateTestFixture<PanelReferral> dayAfter = fixtureOn(Instant.parse("2024-04-11T08:00:00Z"));
        dayAfter.given(referred(true), assured(), listed(), caution)
                .when(new MarkConditionsEndDatePassed(REFERRAL))
                .expectEvents(passed);
        dayAfter.given(referred(true), assured(), listed(), caution, passed)
                .when(new MarkConditionsEndDatePassed(REFERRAL))
                .expectNoEvents();
        // Completion or non-completion recorded first: there is nothing to follow up.
        dayAfter.given(referred(true), assured(), listed(), caution,
                        new ConditionsCompleted(REFERRAL, "d1", LocalDate.of(2024, 4, 9)))
                .when(new MarkConditionsEndDatePassed(REFERRAL))
                .expectNoEvents();
        // Not before the end date is over (a deadline fired early changes nothing).
        fixtureOn(Instant.parse("2024-04-10T20:00:00Z")).given(referred(true), assured(), listed(), caution)
                .when(new MarkConditionsEndDatePassed(REFERRAL))
                .expectNoEvents();
        dayAfter.given(referred(true), assured(), listed(), decided("YOUTH_CAUTION"))
                .when(new MarkConditionsEndDatePassed(REFERRAL))
                .expectNoEvents();
    }

    @Test
    void completion_is_still_recorded_after_the_end_date_passed_and_an_amended_end_date_is_watched_afresh() {
        LocalDate end = LocalDate.of(2024, 4, 10);
        DecisionRecorded caution = new DecisionRecorded(REFERRAL, "d1", PANEL, "c1", "o1", CITY,
                "YOUTH_CONDITIONAL_CAUTION", MEETS, 3, "r", null, null, null, List.of("Attend 4 sessions"), end, 15, true);
        ConditionsEndDatePassed passed = new ConditionsEndDatePassed(REFERRAL, "d1", CITY, end);
        AggregateTestFixture<PanelReferral> later = fixtureOn(Instant.parse("2024-05-20T08:00:00Z"));
        later.given(referred(true), assured(), listed(), caution, passed)
                .when(new RecordConditionsCompleted(REFERRAL, LocalDate.of(2024, 4, 8)))
                .expectEvents(new ConditionsCompleted(REFERRAL, "d1", LocalDate.of(2024, 4, 8)));
        LocalDate extended = LocalDate.of(2024, 5, 10);
        DecisionAmended moved = new DecisionAmended(REFERRAL, "a1", "d1", PANEL, "c1", "o1", CITY,
                "YOUTH_CONDITIONAL_CAUTION", LocalDate.of(2024, 4, 11), 3, "r", null, null, null,
                List.of("Attend 4 sessions"), extended, "Two sessions cancelled by the YJS");
        later.given(referred(true), assured(), listed(), caution, passed, moved)
                .when(new MarkConditionsEndDatePassed(REFERRAL))
                .expectEvents(new ConditionsEndDatePassed(REFERRAL, "d1", CITY, extended));
    }

    // --- scrutiny

    @Test
    void the_scrutiny_panel_records_one_finding_on_a_sampled_decision() {
        SelectedForScrutiny sampled = new SelectedForScrutiny(REFERRAL, "d1", "OUTCOME_22", List.of("CHAIR_OVERRIDE"));
        fixture.given(referred(true), listed(), decided("OUTCOME_22"), sampled)
                .when(new RecordScrutinyFinding(REFERRAL, "d1", "LEARNING_POINT", "Record victim's views explicitly"))
                .expectEvents(new ScrutinyFindingRecorded(REFERRAL, "d1", "LEARNING_POINT",
                        "Record victim's views explicitly", MEETS));
        fixture.given(referred(true), listed(), decided("OUTCOME_22"), sampled,
                        new ScrutinyFindingRecorded(REFERRAL, "d1", "APPROPRIATE", null, MEETS))
                .when(new RecordScrutinyFinding(REFERRAL, "d1", "NOT_APPROPRIATE", null))
                .expectNoEvents().expectException(DomainRefusal.class);
        fixture.given(referred(true), listed(), decided("OUTCOME_22"))
                .when(new RecordScrutinyFinding(REFERRAL, "d1", "APPROPRIATE", null))
                .expectNoEvents().expectException(DomainRefusal.class);
    }

    @Test
    void referral_ids_are_the_same_for_the_same_child_and_offence() {
        assertThat(ReferralId.of("c1", "o1")).isEqualTo(ReferralId.of("c1", "o1"))
                .isNotEqualTo(ReferralId.of("c1", "o2")).isNotEqualTo(ReferralId.of("c1o", "1"));
    }
}
