package org.openyjs.panel.timeliness;

import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.panel.api.ReferralCommands.MarkDecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.ReferralClosedByOutcomeElsewhere;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

class DecisionTimelinessSagaTest {

    private static final String REFERRAL = "r1";
    private static final LocalDate REFERRED = LocalDate.of(2023, 12, 15);
    private static final LocalDate DUE = LocalDate.of(2024, 1, 10);
    /** Midnight at the end of the due date, English time (GMT in January). */
    private static final Instant REFERRED_AT = Instant.parse("2023-12-15T12:00:00Z");
    private static final Instant OVERDUE_FROM = Instant.parse("2024-01-11T00:00:00Z");

    private static final Duration GRACE = Duration.ofHours(1);
    /** A referral imported with the case's history: received long after its due date. */
    private static final Instant IMPORTED_AT = Instant.parse("2025-06-02T09:30:00Z");

    private SagaTestFixture<DecisionTimelinessSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DecisionTimelinessSaga.class);
        fixture.registerResource(new LateReferralGrace(GRACE));
    }

    private static ReferralReceived referred() {
        return new ReferralReceived(REFERRAL, "c1", "o1", "leicester-city", REFERRED, 2, true, DUE);
    }

    private static DecisionRecorded decided() {
        return new DecisionRecorded(REFERRAL, "d1", "p1", "c1", "o1", "leicester-city", "OUTCOME_22", DUE, 2, "r",
                null, null, null, List.of(), null, 15, true);
    }

    @Test
    void a_referral_sets_the_decision_due_deadline_at_the_end_of_the_due_date() {
        fixture.givenCurrentTime(REFERRED_AT)
                .whenPublishingA(referred())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(OVERDUE_FROM, DecisionTimelinessSaga.DECISION_DUE);
    }

    @Test
    void undecided_by_the_due_date_the_referral_is_marked_overdue() {
        fixture.givenCurrentTime(REFERRED_AT)
                .andThenAPublished(referred())
                .whenTimeAdvancesTo(OVERDUE_FROM)
                .expectTriggeredDeadlinesWithName(DecisionTimelinessSaga.DECISION_DUE)
                .expectDispatchedCommands(new MarkDecisionOverdue(REFERRAL))
                .expectActiveSagas(0);
    }

    @Test
    void nothing_is_overdue_on_the_due_date_itself() {
        fixture.givenCurrentTime(REFERRED_AT)
                .andThenAPublished(referred())
                .whenTimeAdvancesTo(OVERDUE_FROM.minus(Duration.ofMinutes(1)))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void a_decision_cancels_the_deadline() {
        fixture.givenCurrentTime(REFERRED_AT)
                .andThenAPublished(referred())
                .whenPublishingA(decided())
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void a_withdrawal_cancels_the_deadline() {
        fixture.givenCurrentTime(REFERRED_AT)
                .andThenAPublished(referred())
                .whenPublishingA(new ReferralWithdrawn(REFERRAL, null, "police took no further action", REFERRED))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void an_outcome_given_outside_the_panel_cancels_the_deadline() {
        fixture.givenCurrentTime(REFERRED_AT)
                .andThenAPublished(referred())
                .whenPublishingA(closedElsewhere())
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void a_referral_received_after_its_due_date_is_given_the_grace_before_it_is_overdue() {
        fixture.givenCurrentTime(IMPORTED_AT)
                .whenPublishingA(referred())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(IMPORTED_AT.plus(GRACE), DecisionTimelinessSaga.DECISION_DUE);
    }

    @Test
    void a_late_referral_still_open_when_the_grace_ends_is_marked_overdue() {
        fixture.givenCurrentTime(IMPORTED_AT)
                .andThenAPublished(referred())
                .whenTimeElapses(GRACE)
                .expectDispatchedCommands(new MarkDecisionOverdue(REFERRAL))
                .expectActiveSagas(0);
    }

    @Test
    void a_late_referral_closed_by_its_outcome_within_the_grace_is_never_overdue() {
        fixture.givenCurrentTime(IMPORTED_AT)
                .andThenAPublished(referred())
                .andThenAPublished(closedElsewhere())
                .whenTimeElapses(GRACE.multipliedBy(24))
                .expectNoDispatchedCommands()
                .expectTriggeredDeadlines()
                .expectActiveSagas(0);
    }

    private static ReferralClosedByOutcomeElsewhere closedElsewhere() {
        return new ReferralClosedByOutcomeElsewhere(REFERRAL, "c1", "o1", "leicester-city", null, "YOUTH_CAUTION",
                DUE.minusDays(2));
    }

    @Test
    void after_a_decision_the_due_date_passes_quietly() {
        fixture.givenCurrentTime(REFERRED_AT)
                .andThenAPublished(referred())
                .andThenAPublished(decided())
                .whenTimeElapses(Duration.ofDays(30))
                .expectNoDispatchedCommands()
                .expectTriggeredDeadlines();
    }
}
