package org.openyjs.panel.timeliness;

import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.api.ReferralCommands.MarkConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralEvents.ConditionsCompleted;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A youth conditional caution's conditions: their end date passing unrecorded raises a follow-up. */
class ConditionsEndSagaTest {

    private static final String REFERRAL = "r1";
    private static final LocalDate MEETS = LocalDate.of(2024, 1, 10);
    private static final LocalDate END = LocalDate.of(2024, 4, 10);
    private static final Instant DECIDED_AT = Instant.parse("2024-01-10T15:00:00Z");
    /** Midnight at the end of the end date, English time (BST in April: 23:00 UTC the day before). */
    private static final Instant ENDED = Instant.parse("2024-04-10T23:00:00Z");

    private SagaTestFixture<ConditionsEndSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ConditionsEndSaga.class);
    }

    private static DecisionRecorded decided(String outcome, LocalDate conditionsEnd) {
        return new DecisionRecorded(REFERRAL, "d1", "p1", "c1", "o1", "leicester-city", outcome, MEETS, 3, "r", null,
                null, null, conditionsEnd == null ? List.of() : List.of("Attend 4 sessions"), conditionsEnd, 15, true);
    }

    private static DecisionAmended amended(String outcome, LocalDate conditionsEnd) {
        return new DecisionAmended(REFERRAL, "a1", "d1", "p1", "c1", "o1", "leicester-city", outcome,
                LocalDate.of(2024, 2, 1), 3, "r", null, null, null,
                conditionsEnd == null ? List.of() : List.of("Attend 4 sessions"), conditionsEnd, "reason");
    }

    @Test
    void a_conditional_caution_sets_a_deadline_at_the_end_of_its_end_date() {
        fixture.givenCurrentTime(DECIDED_AT)
                .whenPublishingA(decided("YOUTH_CONDITIONAL_CAUTION", END))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(ENDED, ConditionsEndSaga.CONDITIONS_END);
    }

    @Test
    void an_outcome_without_conditions_sets_nothing() {
        fixture.givenCurrentTime(DECIDED_AT)
                .whenPublishingA(decided("YOUTH_CAUTION", null))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void the_end_date_passing_unrecorded_marks_completion_not_recorded() {
        fixture.givenCurrentTime(DECIDED_AT)
                .andThenAPublished(decided("YOUTH_CONDITIONAL_CAUTION", END))
                .whenTimeElapses(Duration.between(DECIDED_AT, ENDED))
                .expectTriggeredDeadlinesWithName(ConditionsEndSaga.CONDITIONS_END)
                .expectDispatchedCommands(new MarkConditionsEndDatePassed(REFERRAL))
                .expectActiveSagas(0);
    }

    @Test
    void on_the_end_date_itself_nothing_is_raised() {
        fixture.givenCurrentTime(DECIDED_AT)
                .andThenAPublished(decided("YOUTH_CONDITIONAL_CAUTION", END))
                .whenTimeElapses(Duration.between(DECIDED_AT, ENDED).minusMinutes(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void recording_completion_cancels_the_deadline() {
        fixture.givenCurrentTime(DECIDED_AT)
                .andThenAPublished(decided("YOUTH_CONDITIONAL_CAUTION", END))
                .andThenAPublished(new ConditionsCompleted(REFERRAL, "d1", LocalDate.of(2024, 4, 2)))
                .whenTimeElapses(Duration.ofDays(120))
                .expectNoDispatchedCommands()
                .expectTriggeredDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void recording_non_completion_cancels_the_deadline() {
        fixture.givenCurrentTime(DECIDED_AT)
                .andThenAPublished(decided("YOUTH_CONDITIONAL_CAUTION", END))
                .whenPublishingA(new ConditionsNotCompleted(REFERRAL, "d1", "c1", "o1", "leicester-city", END, END,
                        "Attended 1 of 4 sessions"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void an_amendment_moves_the_deadline_to_the_new_end_date() {
        LocalDate extended = LocalDate.of(2024, 5, 10);
        fixture.givenCurrentTime(DECIDED_AT)
                .andThenAPublished(decided("YOUTH_CONDITIONAL_CAUTION", END))
                .whenPublishingA(amended("YOUTH_CONDITIONAL_CAUTION", extended))
                .expectScheduledDeadlineWithName(Instant.parse("2024-05-10T23:00:00Z"), ConditionsEndSaga.CONDITIONS_END)
                .expectNoScheduledDeadlineWithName(ENDED, ConditionsEndSaga.CONDITIONS_END)
                .expectActiveSagas(1);
    }

    @Test
    void an_amendment_to_an_outcome_without_conditions_drops_the_deadline() {
        fixture.givenCurrentTime(DECIDED_AT)
                .andThenAPublished(decided("YOUTH_CONDITIONAL_CAUTION", END))
                .whenPublishingA(amended("YOUTH_CAUTION", null))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void an_amendment_to_a_conditional_caution_starts_the_watch() {
        fixture.givenCurrentTime(DECIDED_AT)
                .andThenAPublished(decided("YOUTH_CAUTION", null))
                .whenPublishingA(amended("YOUTH_CONDITIONAL_CAUTION", END))
                .expectScheduledDeadlineWithName(ENDED, ConditionsEndSaga.CONDITIONS_END)
                .expectActiveSagas(1);
    }
}
