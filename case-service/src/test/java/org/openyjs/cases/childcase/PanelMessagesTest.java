package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.AmendPanelOutcome;
import org.openyjs.cases.api.CaseCommands.RecordConditionalCautionNotCompleted;
import org.openyjs.cases.api.CaseCommands.RecordPanelCharge;
import org.openyjs.cases.api.CaseEvents.ChargedByPanelDecision;
import org.openyjs.cases.api.CaseEvents.ConditionalCautionNotCompleted;
import org.openyjs.cases.api.CaseEvents.OutcomeCorrected;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.openyjs.cases.childcase.CaseFixtures.CHILD;
import static org.openyjs.cases.childcase.CaseFixtures.offence;
import static org.openyjs.cases.childcase.CaseFixtures.refusedOn;
import static org.openyjs.cases.childcase.CaseFixtures.registered;

/** What the out-of-court panel sends besides its decisions: amendments, charges, cautions not completed. */
class PanelMessagesTest {

    private static final LocalDate OFFENCE = LocalDate.of(2024, 1, 2);
    private static final LocalDate DECIDED = LocalDate.of(2024, 2, 1);
    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseFixtures.fixture();
    }

    private static OutcomeRecorded decided(String code) {
        return new OutcomeRecorded(CHILD, "o1", code, DECIDED, "d1");
    }

    @Test
    void an_amended_decision_corrects_the_outcome_it_gave() {
        fixture.given(registered(), offence("o1", OFFENCE), decided("YOUTH_CAUTION"))
                .when(new AmendPanelOutcome(CHILD, "o1", "am1", "d1", "OUTCOME_22", DECIDED.plusDays(7)))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(payload ->
                        payload instanceof OutcomeCorrected corrected && "OUTCOME_22".equals(corrected.outcomeCode())
                                && DECIDED.plusDays(7).equals(corrected.outcomeDate())
                                && "am1".equals(corrected.panelAmendmentId()))), andNoMore()));
    }

    @Test
    void the_same_amendment_delivered_twice_is_recorded_once() {
        fixture.given(registered(), offence("o1", OFFENCE), decided("YOUTH_CAUTION"),
                        new OutcomeCorrected(CHILD, "o1", "e1", "OUTCOME_22", DECIDED.plusDays(7), "amended", "am1"))
                .when(new AmendPanelOutcome(CHILD, "o1", "am1", "d1", "OUTCOME_22", DECIDED.plusDays(7)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_amendment_of_a_decision_not_on_the_case_or_to_an_unknown_outcome_is_refused() {
        fixture.given(registered(), offence("o1", OFFENCE), new OutcomeRecorded(CHILD, "o1", "YOUTH_CAUTION", DECIDED,
                        null))
                .when(new AmendPanelOutcome(CHILD, "o1", "am1", "d1", "OUTCOME_22", DECIDED.plusDays(7)))
                .expectNoEvents()
                .expectException(refusedOn("decisionId", HttpStatus.NOT_FOUND));
        fixture.given(registered(), offence("o1", OFFENCE), decided("YOUTH_CAUTION"))
                .when(new AmendPanelOutcome(CHILD, "o1", "am1", "d1", "CHARGE", DECIDED.plusDays(7)))
                .expectNoEvents()
                .expectException(refusedOn("outcomeCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_decision_to_charge_is_a_charge_fact_not_an_outcome_recorded_once() {
        fixture.given(registered(), offence("o1", OFFENCE))
                .when(new RecordPanelCharge(CHILD, "o1", "d1", DECIDED))
                .expectEvents(new ChargedByPanelDecision(CHILD, "o1", "d1", DECIDED));
        fixture.given(registered(), offence("o1", OFFENCE), new ChargedByPanelDecision(CHILD, "o1", "d1", DECIDED))
                .when(new RecordPanelCharge(CHILD, "o1", "d1", DECIDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), offence("o1", OFFENCE), decided("YOUTH_CAUTION"))
                .when(new RecordPanelCharge(CHILD, "o1", "d2", DECIDED))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.CONFLICT));
    }

    @Test
    void a_conditional_caution_not_completed_is_recorded_once_on_an_offence_with_that_caution() {
        ConditionalCautionNotCompleted notCompleted = new ConditionalCautionNotCompleted(CHILD, "o1", "d1",
                DECIDED.plusMonths(3), DECIDED.plusMonths(3).plusDays(1));
        RecordConditionalCautionNotCompleted command = new RecordConditionalCautionNotCompleted(CHILD, "o1", "d1",
                DECIDED.plusMonths(3), DECIDED.plusMonths(3).plusDays(1));
        fixture.given(registered(), offence("o1", OFFENCE), decided("YOUTH_CONDITIONAL_CAUTION"))
                .when(command)
                .expectEvents(notCompleted);
        fixture.given(registered(), offence("o1", OFFENCE), decided("YOUTH_CONDITIONAL_CAUTION"), notCompleted)
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), offence("o1", OFFENCE), decided("YOUTH_CAUTION"))
                .when(command)
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.CONFLICT));
    }

    @Test
    void a_charge_is_not_dated_before_the_offence() {
        fixture.given(registered(), offence("o1", OFFENCE))
                .when(new RecordPanelCharge(CHILD, "o1", "d1", OFFENCE.minusDays(1)))
                .expectNoEvents()
                .expectException(refusedOn("decidedOn", HttpStatus.BAD_REQUEST));
    }
}
