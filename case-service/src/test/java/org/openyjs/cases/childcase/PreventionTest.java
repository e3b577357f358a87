package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.RecordPostClosureCheck;
import org.openyjs.cases.api.CaseCommands.RecordPreventionConsent;
import org.openyjs.cases.api.CaseCommands.RecordPreventionReferral;
import org.openyjs.cases.api.CaseCommands.StartOrder;
import org.openyjs.cases.api.CaseEvents.CaseClosed;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.api.CaseEvents.PostClosureCheckRecorded;
import org.openyjs.cases.api.CaseEvents.PreventionConsentRecorded;
import org.openyjs.cases.api.CaseEvents.PreventionReferralRecorded;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;

import static org.openyjs.cases.childcase.CaseFixtures.CHILD;
import static org.openyjs.cases.childcase.CaseFixtures.order;
import static org.openyjs.cases.childcase.CaseFixtures.refusedOn;
import static org.openyjs.cases.childcase.CaseFixtures.registered;

/** Prevention and early intervention: referral, opt-out consent, the intervention, the check a year after closure. */
class PreventionTest {

    private static final LocalDate REFERRED = LocalDate.of(2024, 2, 1);
    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseFixtures.fixture();
    }

    private static PreventionReferralRecorded referral(String consent) {
        return new PreventionReferralRecorded(CHILD, "pr1", REFERRED, "SCHOOL", consent);
    }

    @Test
    void a_referral_needs_no_offence_and_names_its_source_and_consent() {
        fixture.given(registered())
                .when(new RecordPreventionReferral(CHILD, "pr1", REFERRED, "SCHOOL", "PENDING", null))
                .expectEvents(referral("PENDING"));
    }

    @Test
    void an_unknown_source_or_consent_is_refused() {
        fixture.given(registered())
                .when(new RecordPreventionReferral(CHILD, "pr1", REFERRED, "NEIGHBOUR", "GIVEN", null))
                .expectNoEvents()
                .expectException(refusedOn("source", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new RecordPreventionReferral(CHILD, "pr1", REFERRED, "PPN", "MAYBE", null))
                .expectNoEvents()
                .expectException(refusedOn("consent", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_referral_is_not_recorded_twice_nor_in_the_future() {
        fixture.given(registered(), referral("GIVEN"))
                .when(new RecordPreventionReferral(CHILD, "pr1", REFERRED, "SCHOOL", "GIVEN", null))
                .expectNoEvents()
                .expectException(refusedOn("referralId", HttpStatus.CONFLICT));
        fixture.given(registered())
                .when(new RecordPreventionReferral(CHILD, "pr2", CaseFixtures.TODAY.plusDays(1), "FAMILY", "GIVEN", null))
                .expectNoEvents()
                .expectException(refusedOn("referredOn", HttpStatus.BAD_REQUEST));
    }

    @Test
    void consent_is_recorded_on_a_referral_on_the_case_not_before_it() {
        fixture.given(registered(), referral("PENDING"))
                .when(new RecordPreventionConsent(CHILD, "pr1", "OPTED_OUT", REFERRED.plusDays(3), null))
                .expectEvents(new PreventionConsentRecorded(CHILD, "pr1", REFERRED, "SCHOOL", "OPTED_OUT",
                        REFERRED.plusDays(3)));
        fixture.given(registered())
                .when(new RecordPreventionConsent(CHILD, "pr1", "GIVEN", REFERRED, null))
                .expectNoEvents()
                .expectException(refusedOn("referralId", HttpStatus.NOT_FOUND));
        fixture.given(registered(), referral("PENDING"))
                .when(new RecordPreventionConsent(CHILD, "pr1", "GIVEN", REFERRED.minusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("decidedOn", HttpStatus.BAD_REQUEST));
    }

    @Test
    void prevention_work_goes_ahead_unless_the_family_opted_out() {
        StartOrder start = new StartOrder(CHILD, "p1", "PREVENTION_INTERVENTION", null, REFERRED.plusDays(7), null, null);
        fixture.given(registered(), referral("PENDING"))
                .when(start)
                .expectEvents(new OrderStarted(CHILD, "p1", "PREVENTION_INTERVENTION", "PREVENTION", null,
                        REFERRED.plusDays(7), null));
        fixture.given(registered(), referral("OPTED_OUT"))
                .when(start)
                .expectNoEvents()
                .expectException(refusedOn("orderType", HttpStatus.CONFLICT));
        fixture.given(registered(), referral("PENDING"),
                        new PreventionConsentRecorded(CHILD, "pr1", REFERRED, "SCHOOL", "OPTED_OUT", REFERRED))
                .when(start)
                .expectNoEvents()
                .expectException(refusedOn("orderType", HttpStatus.CONFLICT));
    }

    @Test
    void the_post_closure_check_follows_a_closed_case_with_prevention_work_after_12_months() {
        LocalDate closed = LocalDate.of(2023, 5, 1);
        Object[] closedPreventionCase = {registered(), referral("GIVEN"),
                order("p1", "PREVENTION_INTERVENTION", "PREVENTION", REFERRED, null),
                new CaseClosed(CHILD, closed, "PREVENTION_COMPLETED", "programme done")};
        fixture.given(closedPreventionCase)
                .when(new RecordPostClosureCheck(CHILD, closed.plusMonths(12), false, null))
                .expectEvents(new PostClosureCheckRecorded(CHILD, closed.plusMonths(12), false));
        fixture.given(closedPreventionCase)
                .when(new RecordPostClosureCheck(CHILD, closed.plusMonths(11), false, null))
                .expectNoEvents()
                .expectException(refusedOn("checkedOn", HttpStatus.BAD_REQUEST));
        fixture.given(closedPreventionCase).andGiven(new PostClosureCheckRecorded(CHILD, closed.plusMonths(12), false))
                .when(new RecordPostClosureCheck(CHILD, closed.plusMonths(13), true, null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
    }

    @Test
    void there_is_no_post_closure_check_on_an_open_case_or_one_without_prevention_work() {
        fixture.given(registered(), referral("GIVEN"))
                .when(new RecordPostClosureCheck(CHILD, CaseFixtures.TODAY, false, null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
        fixture.given(registered(), new CaseClosed(CHILD, LocalDate.of(2023, 1, 1), "NO_FURTHER_INVOLVEMENT", "done"))
                .when(new RecordPostClosureCheck(CHILD, CaseFixtures.TODAY, false, null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
    }
}
