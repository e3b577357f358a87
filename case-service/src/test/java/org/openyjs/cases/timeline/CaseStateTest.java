package org.openyjs.cases.timeline;

import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseEvents.CaseClosed;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.HomeVisitRecorded;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OrderEnded;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.api.CaseEvents.OutcomeCorrected;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.openyjs.cases.reference.OutcomeType;
import org.openyjs.cases.reference.ReferenceData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CaseStateTest {

    private static final LocalDate LONG_AGO = LocalDate.of(2000, 1, 1);
    private static final ReferenceData REFERENCE = new ReferenceData(List.of(
            new OutcomeType("DETENTION_AND_TRAINING_ORDER", "DTO", "COURT", false, true, LONG_AGO, null),
            new OutcomeType("YOUTH_CAUTION", "Youth caution", "OUT_OF_COURT", true, false, LONG_AGO, null)),
            Set.of("leicester-city"));

    private static CaseState caseWith(Object... facts) {
        CaseState state = new CaseState();
        state.apply(new ChildRegistered("c1", "leicester-city", LocalDate.of(2007, 3, 15), "MALE", "WHITE_BRITISH",
                "Leicester", null));
        for (Object fact : facts) {
            state.apply(fact);
        }
        return state;
    }

    @Test
    void a_custodial_sentence_brings_the_home_visit_the_accommodation_referral_and_the_transition_decision() {
        CaseState state = caseWith(
                new OffenceRecorded("c1", "o1", LocalDate.of(2023, 9, 1), "ROBBERY", 5, true),
                new OutcomeRecorded("c1", "o1", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2024, 1, 10), null),
                new OrderStarted("c1", "dto1", "DETENTION_AND_TRAINING_ORDER", "CUSTODY", "o1",
                        LocalDate.of(2024, 1, 10), LocalDate.of(2024, 9, 10)));
        assertThat(state.due(REFERENCE)).containsExactly(
                new CaseState.Due("HOME_VISIT", LocalDate.of(2024, 1, 11), "o1"),
                new CaseState.Due("ACCOMMODATION_REFERRAL", LocalDate.of(2024, 6, 10), "dto1"),
                new CaseState.Due("TRANSITION_DECISION", LocalDate.of(2024, 9, 15), "c1"));
    }

    @Test
    void nothing_is_due_for_an_out_of_court_outcome_without_an_order_or_on_a_closed_case() {
        assertThat(caseWith(new OffenceRecorded("c1", "o1", LocalDate.of(2023, 9, 1), "THEFT_AND_HANDLING", 2, true),
                new OutcomeRecorded("c1", "o1", "YOUTH_CAUTION", LocalDate.of(2023, 10, 1), null)).due(REFERENCE))
                .isEmpty();
        assertThat(caseWith(new OffenceRecorded("c1", "o1", LocalDate.of(2023, 9, 1), "ROBBERY", 5, true),
                new OutcomeRecorded("c1", "o1", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2024, 1, 10), null),
                new CaseClosed("c1", LocalDate.of(2024, 2, 1), "TRANSFERRED", "Transferred")).due(REFERENCE)).isEmpty();
    }

    @Test
    void done_is_no_longer_due_and_the_current_state_follows_corrections() {
        CaseState state = caseWith(
                new OffenceRecorded("c1", "o1", LocalDate.of(2023, 9, 1), "ROBBERY", 5, true),
                new OutcomeRecorded("c1", "o1", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2024, 1, 10), null),
                new HomeVisitRecorded("c1", "o1", Instant.parse("2024-01-10T18:00:00Z")),
                new OrderStarted("c1", "dto1", "DETENTION_AND_TRAINING_ORDER", "CUSTODY", "o1",
                        LocalDate.of(2024, 1, 10), LocalDate.of(2024, 9, 10)),
                new OrderEnded("c1", "dto1", "DETENTION_AND_TRAINING_ORDER", "CUSTODY", LocalDate.of(2024, 9, 10),
                        "COMPLETED"),
                new OutcomeCorrected("c1", "o1", "e1", "YOUTH_CAUTION", LocalDate.of(2024, 1, 10), "wrong court"));
        assertThat(state.due(REFERENCE)).isEmpty();
        assertThat(state.offences().get(0).outcomeCode()).isEqualTo("YOUTH_CAUTION");
        assertThat(state.orders().get(0).endReason()).isEqualTo("COMPLETED");
    }

    @Test
    void an_arrest_without_a_worker_brings_the_worker_allocation_due_that_day() {
        org.openyjs.cases.api.CaseEvents.Arrest arrest = new org.openyjs.cases.api.CaseEvents.Arrest("a1",
                Instant.parse("2024-03-02T23:30:00Z"), null, true, false, false, null);
        assertThat(caseWith(new org.openyjs.cases.api.CaseEvents.ArrestRecorded("c1", arrest)).due(REFERENCE))
                .containsExactly(new CaseState.Due("WORKER_ALLOCATION", LocalDate.of(2024, 3, 2), "a1"));
        org.openyjs.cases.api.CaseEvents.Arrest allocated = new org.openyjs.cases.api.CaseEvents.Arrest("a1",
                arrest.arrestedAt(), arrest.arrestedAt().plusSeconds(600), true, false, false, null);
        assertThat(caseWith(new org.openyjs.cases.api.CaseEvents.ArrestRecorded("c1", arrest),
                new org.openyjs.cases.api.CaseEvents.WorkerAllocated("c1", "wendy", allocated.workerAllocatedAt(),
                        allocated)).due(REFERENCE)).isEmpty();
    }

    @Test
    void the_accommodation_referral_is_due_3_months_before_the_expected_release_until_it_is_made() {
        OrderStarted dto = new OrderStarted("c1", "dto1", "DETENTION_AND_TRAINING_ORDER", "CUSTODY", null,
                LocalDate.of(2024, 1, 10), LocalDate.of(2025, 1, 10));
        org.openyjs.cases.api.CaseEvents.CustodyEntered admitted = new org.openyjs.cases.api.CaseEvents.CustodyEntered(
                "c1", "dto1", "YOI", LocalDate.of(2024, 1, 10), LocalDate.of(2024, 7, 10));
        assertThat(caseWith(dto, admitted).due(REFERENCE))
                .contains(new CaseState.Due("ACCOMMODATION_REFERRAL", LocalDate.of(2024, 4, 10), "dto1"));
        assertThat(caseWith(dto, admitted, new org.openyjs.cases.api.CaseEvents.AccommodationReferralMade("c1", "dto1",
                LocalDate.of(2024, 5, 1), LocalDate.of(2024, 7, 10))).due(REFERENCE))
                .extracting(CaseState.Due::what).doesNotContain("ACCOMMODATION_REFERRAL");
    }

    @Test
    void the_transition_decision_is_no_longer_due_once_recorded() {
        OrderStarted yro = new OrderStarted("c1", "yro1", "YOUTH_REHABILITATION_ORDER", "COMMUNITY", null,
                LocalDate.of(2024, 1, 10), null);
        assertThat(caseWith(yro).due(REFERENCE)).extracting(CaseState.Due::what).containsExactly("TRANSITION_DECISION");
        assertThat(caseWith(yro, new org.openyjs.cases.api.CaseEvents.TransitionDecisionRecorded("c1",
                LocalDate.of(2024, 8, 1), "TRANSFER_TO_PROBATION")).due(REFERENCE)).isEmpty();
    }

    @Test
    void a_closed_case_with_prevention_work_owes_the_check_12_months_on() {
        CaseState state = caseWith(new org.openyjs.cases.api.CaseEvents.PreventionReferralRecorded("c1", "pr1",
                        LocalDate.of(2023, 1, 5), "SCHOOL", "GIVEN"),
                new CaseClosed("c1", LocalDate.of(2023, 6, 30), "PREVENTION_COMPLETED", "done"));
        assertThat(state.due(REFERENCE)).containsExactly(
                new CaseState.Due("POST_CLOSURE_CHECK", LocalDate.of(2024, 6, 30), "c1"));
        state.apply(new org.openyjs.cases.api.CaseEvents.PostClosureCheckRecorded("c1", LocalDate.of(2024, 7, 1), false));
        assertThat(state.due(REFERENCE)).isEmpty();
    }
}
