package org.openyjs.cases.childcase;

import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.CloseCase;
import org.openyjs.cases.api.CaseCommands.CorrectOutcome;
import org.openyjs.cases.api.CaseCommands.ErasePersonalData;
import org.openyjs.cases.api.CaseCommands.OutcomeGiven;
import org.openyjs.cases.api.CaseCommands.RecordOffence;
import org.openyjs.cases.api.CaseCommands.RecordOutcome;
import org.openyjs.cases.api.CaseCommands.RecordPersonalDetails;
import org.openyjs.cases.api.CaseCommands.RegisterChild;
import org.openyjs.cases.api.CaseCommands.ReopenCase;
import org.openyjs.cases.api.CaseEvents.CaseClosed;
import org.openyjs.cases.api.CaseEvents.CaseReopened;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OutcomeCorrected;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.openyjs.cases.api.CaseEvents.PersonalDataErased;
import org.openyjs.cases.api.CaseEvents.PersonalDetailsRecorded;
import org.openyjs.cases.reference.OutcomeType;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

class ChildCaseTest {

    private static final String CHILD = "child-1";
    private static final String CITY = "leicester-city";
    private static final LocalDate BORN = LocalDate.of(2008, 5, 1);
    private static final LocalDate CAUTION_INTRODUCED = LocalDate.of(2013, 4, 8);
    private static final LocalDate LONG_AGO = LocalDate.of(2000, 1, 1);

    private final ReferenceData referenceData = new ReferenceData(List.of(
            new OutcomeType("COMMUNITY_RESOLUTION", "Community resolution", "OUT_OF_COURT", false, false, LONG_AGO, null),
            new OutcomeType("OUTCOME_22", "Outcome 22", "OUT_OF_COURT", false, false, LocalDate.of(2019, 1, 1), null),
            new OutcomeType("YOUTH_CAUTION", "Youth caution", "OUT_OF_COURT", true, false, CAUTION_INTRODUCED, null),
            new OutcomeType("YOUTH_CONDITIONAL_CAUTION", "Youth conditional caution", "OUT_OF_COURT", true, false,
                    CAUTION_INTRODUCED, null),
            new OutcomeType("DETENTION_AND_TRAINING_ORDER", "DTO", "COURT", false, true, LONG_AGO, null)),
            Set.of(CITY, "leicestershire"));

    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChildCase.class);
        fixture.registerInjectableResource(referenceData);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneId.of("Europe/London")));
    }

    private static ChildRegistered registered() {
        return new ChildRegistered(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester", null);
    }

    private static OffenceRecorded offence(String id, LocalDate date, boolean admitted) {
        return new OffenceRecorded(CHILD, id, date, "THEFT_AND_HANDLING", 2, admitted);
    }

    private static Matcher<Object> refusedOn(String field, HttpStatus status) {
        Matcher<DomainRefusal> onField = new FeatureMatcher<>(equalTo(field), "refusal naming field", "field") {
            @Override
            protected String featureValueOf(DomainRefusal actual) {
                return actual.field();
            }
        };
        Matcher<DomainRefusal> withStatus = new FeatureMatcher<>(equalTo(status), "with status", "status") {
            @Override
            protected HttpStatus featureValueOf(DomainRefusal actual) {
                return actual.status();
            }
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Matcher<Object> matcher = (Matcher) allOf(instanceOf(DomainRefusal.class), onField, withStatus);
        return matcher;
    }

    @Test
    void registering_a_child_opens_their_case_in_their_service_today() {
        fixture.givenNoPriorActivity()
                .when(new RegisterChild(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester", null))
                .expectEvents(new ChildRegistered(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester",
                        LocalDate.of(2024, 6, 30)));
    }

    @Test
    void a_case_recorded_late_opened_on_the_day_given() {
        fixture.givenNoPriorActivity()
                .when(new RegisterChild(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester",
                        LocalDate.of(2021, 9, 14)))
                .expectEvents(new ChildRegistered(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester",
                        LocalDate.of(2021, 9, 14)));
    }

    @Test
    void a_case_cannot_open_in_the_future() {
        fixture.givenNoPriorActivity()
                .when(new RegisterChild(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester",
                        LocalDate.of(2024, 7, 1)))
                .expectNoEvents()
                .expectException(refusedOn("openedOn", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_case_cannot_open_before_the_child_was_born() {
        fixture.givenNoPriorActivity()
                .when(new RegisterChild(CHILD, CITY, BORN, "MALE", "WHITE_BRITISH", "Leicester",
                        BORN.minusDays(1)))
                .expectNoEvents()
                .expectException(refusedOn("openedOn", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_child_of_a_service_outside_the_deployment_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterChild(CHILD, "atlantis", BORN, "MALE", "WHITE_BRITISH", "Leicester", null))
                .expectNoEvents()
                .expectException(refusedOn("youthJusticeService", HttpStatus.BAD_REQUEST));
    }

    @Test
    void an_offence_with_a_youth_caution_records_both_facts() {
        LocalDate offenceDate = LocalDate.of(2023, 5, 2);
        fixture.given(registered())
                .when(new RecordOffence(CHILD, "o1", offenceDate, "THEFT_AND_HANDLING", 2, true,
                        new OutcomeGiven("YOUTH_CAUTION", LocalDate.of(2023, 6, 1))))
                .expectEvents(offence("o1", offenceDate, true),
                        new OutcomeRecorded(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null));
    }

    @Test
    void a_youth_caution_without_an_admission_is_refused() {
        fixture.given(registered())
                .when(new RecordOffence(CHILD, "o1", LocalDate.of(2023, 5, 2), "THEFT_AND_HANDLING", 2, false,
                        new OutcomeGiven("YOUTH_CAUTION", LocalDate.of(2023, 6, 1))))
                .expectNoEvents()
                .expectException(refusedOn("outcome", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_youth_conditional_caution_without_an_admission_is_refused() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), false))
                .when(new RecordOutcome(CHILD, "o1", "YOUTH_CONDITIONAL_CAUTION", LocalDate.of(2023, 6, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("outcomeCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void outcome_22_needs_no_admission() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), false))
                .when(new RecordOutcome(CHILD, "o1", "OUTCOME_22", LocalDate.of(2023, 6, 1), null))
                .expectEvents(new OutcomeRecorded(CHILD, "o1", "OUTCOME_22", LocalDate.of(2023, 6, 1), null));
    }

    @Test
    void a_child_younger_than_ten_at_the_offence_date_is_refused() {
        fixture.given(registered())
                .when(new RecordOffence(CHILD, "o1", BORN.plusYears(10).minusDays(1), "THEFT_AND_HANDLING", 2, true, null))
                .expectNoEvents()
                .expectException(refusedOn("offenceDate", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_child_of_exactly_ten_at_the_offence_date_is_within_the_age_range() {
        fixture.given(registered())
                .when(new RecordOffence(CHILD, "o1", BORN.plusYears(10), "THEFT_AND_HANDLING", 2, true, null))
                .expectEvents(offence("o1", BORN.plusYears(10), true));
    }

    @Test
    void an_offence_after_the_eighteenth_birthday_is_refused() {
        fixture.given(new ChildRegistered(CHILD, CITY, LocalDate.of(2005, 1, 1), "MALE", "WHITE_BRITISH", "Leicester", null))
                .when(new RecordOffence(CHILD, "o1", LocalDate.of(2023, 1, 1), "THEFT_AND_HANDLING", 2, true, null))
                .expectNoEvents()
                .expectException(refusedOn("offenceDate", HttpStatus.BAD_REQUEST));
    }

    @Test
    void an_unknown_outcome_code_is_refused() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true))
                .when(new RecordOutcome(CHILD, "o1", "TRANSPORTATION_TO_AUSTRALIA", LocalDate.of(2023, 6, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("outcomeCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void an_outcome_type_not_yet_in_force_on_the_outcome_date_is_refused() {
        fixture.given(registered(), offence("o1", LocalDate.of(2018, 11, 2), true))
                .when(new RecordOutcome(CHILD, "o1", "OUTCOME_22", LocalDate.of(2018, 12, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("outcomeCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void an_outcome_for_an_offence_not_on_the_case_is_refused() {
        fixture.given(registered())
                .when(new RecordOutcome(CHILD, "o9", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.NOT_FOUND));
    }

    @Test
    void an_outcome_before_the_offence_is_refused() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true))
                .when(new RecordOutcome(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 5, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("outcomeCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_second_outcome_for_the_same_offence_is_a_conflict() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true),
                        new OutcomeRecorded(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null))
                .when(new RecordOutcome(CHILD, "o1", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 7, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.CONFLICT));
    }

    @Test
    void the_same_offence_id_twice_is_a_conflict() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true))
                .when(new RecordOffence(CHILD, "o1", LocalDate.of(2023, 5, 3), "THEFT_AND_HANDLING", 2, true, null))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.CONFLICT));
    }

    @Test
    void a_panel_decision_is_recorded_with_its_decision_id() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), false))
                .when(new RecordOutcome(CHILD, "o1", "OUTCOME_22", LocalDate.of(2023, 6, 7), "decision-1"))
                .expectEvents(new OutcomeRecorded(CHILD, "o1", "OUTCOME_22", LocalDate.of(2023, 6, 7), "decision-1"));
    }

    @Test
    void a_panel_decision_delivered_twice_is_recorded_once() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), false),
                        new OutcomeRecorded(CHILD, "o1", "OUTCOME_22", LocalDate.of(2023, 6, 7), "decision-1"))
                .when(new RecordOutcome(CHILD, "o1", "OUTCOME_22", LocalDate.of(2023, 6, 7), "decision-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_outcome_dated_in_the_future_is_refused() {
        fixture.given(registered(), offence("o1", LocalDate.of(2024, 6, 1), true))
                .when(new RecordOutcome(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2024, 7, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("outcomeCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_change_based_on_an_older_version_of_the_case_is_a_conflict() {
        // Registered (version 0) and offence (version 1): a user who saw version 0 did not see the offence.
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true))
                .when(new RecordOutcome(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null, 0L))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void a_change_based_on_the_current_version_is_recorded() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true))
                .when(new RecordOutcome(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null, 1L))
                .expectEvents(new OutcomeRecorded(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null));
    }

    @Test
    void nothing_is_recorded_on_a_closed_case() {
        fixture.given(registered(), new CaseClosed(CHILD, LocalDate.of(2024, 3, 1), "ORDER_COMPLETED", "Order completed"))
                .when(new RecordOffence(CHILD, "o1", LocalDate.of(2024, 4, 2), "THEFT_AND_HANDLING", 2, true, null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
    }

    @Test
    void a_reopened_case_records_again() {
        fixture.given(registered(), new CaseClosed(CHILD, LocalDate.of(2024, 3, 1), "ORDER_COMPLETED", "Order completed"),
                        new CaseReopened(CHILD, LocalDate.of(2024, 4, 3), "New offence"))
                .when(new RecordOffence(CHILD, "o1", LocalDate.of(2024, 4, 2), "THEFT_AND_HANDLING", 2, true, null))
                .expectEvents(offence("o1", LocalDate.of(2024, 4, 2), true));
    }

    @Test
    void a_case_is_closed_with_a_reason() {
        fixture.given(registered())
                .when(new CloseCase(CHILD, LocalDate.of(2024, 3, 1), "ORDER_COMPLETED", " ", null))
                .expectNoEvents()
                .expectException(refusedOn("reason", HttpStatus.BAD_REQUEST));
    }

    @Test
    void an_open_case_cannot_be_reopened() {
        fixture.given(registered())
                .when(new ReopenCase(CHILD, LocalDate.of(2024, 3, 1), "why not", null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
    }

    @Test
    void closing_and_reopening_are_recorded() {
        fixture.given(registered())
                .when(new CloseCase(CHILD, LocalDate.of(2024, 3, 1), "ORDER_COMPLETED", "Order completed", null))
                .expectEvents(new CaseClosed(CHILD, LocalDate.of(2024, 3, 1), "ORDER_COMPLETED", "Order completed"));
        fixture.given(registered(), new CaseClosed(CHILD, LocalDate.of(2024, 3, 1), "ORDER_COMPLETED", "Order completed"))
                .when(new ReopenCase(CHILD, LocalDate.of(2024, 4, 3), "New offence", null))
                .expectEvents(new CaseReopened(CHILD, LocalDate.of(2024, 4, 3), "New offence"));
    }

    @Test
    void personal_details_are_recorded_as_the_ciphertext_they_arrive_in() {
        fixture.given(registered())
                .when(new RecordPersonalDetails(CHILD, "c2VhbGVk", null))
                .expectEvents(new PersonalDetailsRecorded(CHILD, "c2VhbGVk"));
    }

    @Test
    void personal_details_are_not_recorded_again_after_erasure() {
        fixture.given(registered(), new PersonalDataErased(CHILD, "Subject's request"))
                .when(new RecordPersonalDetails(CHILD, "c2VhbGVk", null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
    }

    @Test
    void erasing_twice_records_one_erasure() {
        fixture.given(registered(), new PersonalDataErased(CHILD, "Subject's request"))
                .when(new ErasePersonalData(CHILD, "Subject's request"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_erasure_is_recorded_with_its_reason() {
        fixture.given(registered(), new CaseClosed(CHILD, LocalDate.of(2024, 3, 1), "ORDER_COMPLETED", "Order completed"))
                .when(new ErasePersonalData(CHILD, "Subject's request under Article 17"))
                .expectEvents(new PersonalDataErased(CHILD, "Subject's request under Article 17"));
    }

    private AggregateTestFixture<ChildCase> fixtureWithCodeLists() {
        AggregateTestFixture<ChildCase> strict = new AggregateTestFixture<>(ChildCase.class);
        strict.registerInjectableResource(new ReferenceData(List.of(), Set.of(CITY),
                List.of(new ReferenceData.Code("WHITE_BRITISH", "White British", LONG_AGO, null),
                        new ReferenceData.Code("WHITE_ROMA", "White: Roma", LocalDate.of(2021, 1, 1), null)),
                List.of(new ReferenceData.Code("THEFT_AND_HANDLING", "Theft", LONG_AGO, null),
                        new ReferenceData.Code("OLD_CATEGORY", "Withdrawn", LONG_AGO, LocalDate.of(2019, 12, 31))),
                List.of()));
        strict.registerInjectableResource(Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneId.of("Europe/London")));
        return strict;
    }

    @Test
    void an_unknown_ethnicity_code_is_refused() {
        fixtureWithCodeLists().givenNoPriorActivity()
                .when(new RegisterChild(CHILD, CITY, BORN, "MALE", "MARTIAN", "Leicester", null))
                .expectNoEvents()
                .expectException(refusedOn("ethnicity", HttpStatus.BAD_REQUEST));
    }

    @Test
    void an_offence_category_withdrawn_before_the_offence_date_is_refused() {
        fixtureWithCodeLists().given(registered())
                .when(new RecordOffence(CHILD, "o1", LocalDate.of(2023, 5, 2), "OLD_CATEGORY", 2, true, null))
                .expectNoEvents()
                .expectException(refusedOn("offenceCategory", HttpStatus.BAD_REQUEST));
    }

    @Test
    void an_offence_category_in_force_on_the_offence_date_is_accepted() {
        fixtureWithCodeLists().given(registered())
                .when(new RecordOffence(CHILD, "o1", LocalDate.of(2023, 5, 2), "THEFT_AND_HANDLING", 2, true, null))
                .expectEvents(offence("o1", LocalDate.of(2023, 5, 2), true));
    }

    @Test
    void a_correction_names_the_outcome_it_corrects_and_keeps_it_in_the_history() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true),
                        new OutcomeRecorded(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null))
                .when(new CorrectOutcome(CHILD, "o1", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 6, 1),
                        "Entered as a caution in error", null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches((OutcomeCorrected c) ->
                        c.offenceId().equals("o1") && c.outcomeCode().equals("COMMUNITY_RESOLUTION")
                                && c.correctsEventId() != null && c.reason().equals("Entered as a caution in error"))),
                        andNoMore()));
    }

    @Test
    void an_offence_without_an_outcome_has_nothing_to_correct() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true))
                .when(new CorrectOutcome(CHILD, "o1", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 6, 1), "typo", null))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.CONFLICT));
    }

    @Test
    void a_correction_follows_the_same_rules_as_the_outcome() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), false),
                        new OutcomeRecorded(CHILD, "o1", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 6, 1), null))
                .when(new CorrectOutcome(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), "was a caution", null))
                .expectNoEvents()
                .expectException(refusedOn("outcomeCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_correction_needs_a_reason() {
        fixture.given(registered(), offence("o1", LocalDate.of(2023, 5, 2), true),
                        new OutcomeRecorded(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null))
                .when(new CorrectOutcome(CHILD, "o1", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 6, 1), "", null))
                .expectNoEvents()
                .expectException(refusedOn("reason", HttpStatus.BAD_REQUEST));
    }
}
