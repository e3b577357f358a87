package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.RecordBreach;
import org.openyjs.cases.api.CaseCommands.RecordChildReviewMeeting;
import org.openyjs.cases.api.CaseCommands.RecordInterventionPlan;
import org.openyjs.cases.api.CaseCommands.RecordOrderContact;
import org.openyjs.cases.api.CaseCommands.RecordReferralOrderPanel;
import org.openyjs.cases.api.CaseEvents.BreachRecorded;
import org.openyjs.cases.api.CaseEvents.ChildReviewMeetingHeld;
import org.openyjs.cases.api.CaseEvents.InterventionPlanRecorded;
import org.openyjs.cases.api.CaseEvents.OrderContactRecorded;
import org.openyjs.cases.api.CaseEvents.OrderEnded;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.api.CaseEvents.ReferralOrderPanelHeld;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;

import static org.openyjs.cases.childcase.CaseFixtures.CHILD;
import static org.openyjs.cases.childcase.CaseFixtures.order;
import static org.openyjs.cases.childcase.CaseFixtures.refusedOn;
import static org.openyjs.cases.childcase.CaseFixtures.registered;

/** Life on an order: referral-order panels, the plan, reviews with the child, contacts, breach. */
class OrderMeetingsTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 8);
    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseFixtures.fixture();
    }

    private static OrderStarted referralOrder() {
        return order("ro1", "REFERRAL_ORDER", "COMMUNITY", START, START.plusMonths(9));
    }

    private static ReferralOrderPanelHeld panel(String type, LocalDate on) {
        return new ReferralOrderPanelHeld(CHILD, "ro1", type, on);
    }

    @Test
    void the_initial_panel_comes_first_then_reviews_and_the_final_one_last() {
        fixture.given(registered(), referralOrder())
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "INITIAL", START.plusDays(10), null))
                .expectEvents(panel("INITIAL", START.plusDays(10)));
        fixture.given(registered(), referralOrder())
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "REVIEW", START.plusDays(10), null))
                .expectNoEvents()
                .expectException(refusedOn("panelType", HttpStatus.CONFLICT));
        fixture.given(registered(), referralOrder(), panel("INITIAL", START.plusDays(10)))
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "INITIAL", START.plusDays(20), null))
                .expectNoEvents()
                .expectException(refusedOn("panelType", HttpStatus.CONFLICT));
        fixture.given(registered(), referralOrder(), panel("INITIAL", START.plusDays(10)))
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "EMERGENCY", START.plusDays(20), null))
                .expectEvents(panel("EMERGENCY", START.plusDays(20)));
        fixture.given(registered(), referralOrder(), panel("INITIAL", START.plusDays(10)),
                        panel("FINAL", START.plusMonths(5)))
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "REVIEW", START.plusMonths(5).plusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("panelType", HttpStatus.CONFLICT));
    }

    @Test
    void a_panel_meeting_is_for_a_referral_order_only() {
        fixture.given(registered(), order("yro1", "YOUTH_REHABILITATION_ORDER", "COMMUNITY", START, null))
                .when(new RecordReferralOrderPanel(CHILD, "yro1", "INITIAL", START.plusDays(10), null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), referralOrder())
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "TEA_PARTY", START.plusDays(10), null))
                .expectNoEvents()
                .expectException(refusedOn("panelType", HttpStatus.BAD_REQUEST));
    }

    @Test
    void nothing_is_recorded_on_an_ended_order() {
        OrderEnded revokedEarly = new OrderEnded(CHILD, "ro1", "REFERRAL_ORDER", "COMMUNITY", START.plusMonths(4),
                "REVOKED");
        fixture.given(registered(), referralOrder(), revokedEarly)
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "INITIAL", START.plusMonths(5), null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
        fixture.given(registered(), referralOrder(), revokedEarly)
                .when(new RecordOrderContact(CHILD, "ro1", START.plusMonths(5), "PHONE", true, null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
        fixture.given(registered(), referralOrder(), revokedEarly)
                .when(new RecordBreach(CHILD, "ro1", START.plusMonths(5), null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
    }

    @Test
    void the_plan_is_recorded_with_whether_the_child_co_produced_it() {
        fixture.given(registered(), referralOrder())
                .when(new RecordInterventionPlan(CHILD, "ro1", START.plusDays(10), true, null))
                .expectEvents(new InterventionPlanRecorded(CHILD, "ro1", START.plusDays(10), true));
        fixture.given(registered(), referralOrder())
                .when(new RecordInterventionPlan(CHILD, "ro1", START.minusDays(1), true, null))
                .expectNoEvents()
                .expectException(refusedOn("agreedOn", HttpStatus.BAD_REQUEST));
    }

    @Test
    void reviews_and_contacts_are_recorded_on_a_running_order() {
        fixture.given(registered(), referralOrder())
                .when(new RecordChildReviewMeeting(CHILD, "ro1", START.plusMonths(3), true, null))
                .expectEvents(new ChildReviewMeetingHeld(CHILD, "ro1", START.plusMonths(3), true));
        fixture.given(registered(), referralOrder())
                .when(new RecordOrderContact(CHILD, "ro1", START.plusDays(3), "FACE_TO_FACE", false, null))
                .expectEvents(new OrderContactRecorded(CHILD, "ro1", START.plusDays(3), "FACE_TO_FACE", false));
        fixture.given(registered(), referralOrder())
                .when(new RecordOrderContact(CHILD, "ro1", START.plusDays(3), "CARRIER_PIGEON", false, null))
                .expectNoEvents()
                .expectException(refusedOn("contactType", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new RecordChildReviewMeeting(CHILD, "ro9", START, true, null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.NOT_FOUND));
    }

    @Test
    void a_breach_is_not_before_the_order_started() {
        fixture.given(registered(), referralOrder())
                .when(new RecordBreach(CHILD, "ro1", START.plusMonths(2), null))
                .expectEvents(new BreachRecorded(CHILD, "ro1", START.plusMonths(2)));
        fixture.given(registered(), referralOrder())
                .when(new RecordBreach(CHILD, "ro1", START.minusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("breachedOn", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_panel_is_not_held_before_the_order_started_nor_in_the_future() {
        fixture.given(registered(), referralOrder())
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "INITIAL", START.minusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("heldOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), referralOrder())
                .when(new RecordReferralOrderPanel(CHILD, "ro1", "INITIAL", CaseFixtures.TODAY.plusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("heldOn", HttpStatus.BAD_REQUEST));
    }
}
