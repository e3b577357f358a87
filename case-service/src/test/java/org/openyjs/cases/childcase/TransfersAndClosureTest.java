package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.CloseCase;
import org.openyjs.cases.api.CaseCommands.RecordCaseAudit;
import org.openyjs.cases.api.CaseCommands.RecordFeedback;
import org.openyjs.cases.api.CaseCommands.RecordOffence;
import org.openyjs.cases.api.CaseCommands.RecordTransitionDecision;
import org.openyjs.cases.api.CaseCommands.TransferCase;
import org.openyjs.cases.api.CaseEvents.CaseAuditRecorded;
import org.openyjs.cases.api.CaseEvents.CaseClosed;
import org.openyjs.cases.api.CaseEvents.CaseTransferred;
import org.openyjs.cases.api.CaseEvents.FeedbackRecorded;
import org.openyjs.cases.api.CaseEvents.PreSentenceReportRequested;
import org.openyjs.cases.api.CaseEvents.PreSentenceReportSubmitted;
import org.openyjs.cases.api.CaseEvents.TransitionDecisionRecorded;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;

import static org.openyjs.cases.childcase.CaseFixtures.CHILD;
import static org.openyjs.cases.childcase.CaseFixtures.offence;
import static org.openyjs.cases.childcase.CaseFixtures.refusedOn;
import static org.openyjs.cases.childcase.CaseFixtures.registered;

/** Transitions, transfers between services, closure with a code, feedback and quality audits. */
class TransfersAndClosureTest {

    private static final LocalDate ON = LocalDate.of(2024, 5, 1);
    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseFixtures.fixture();
    }

    private static CaseTransferred out() {
        return new CaseTransferred(CHILD, "OUT", "leicestershire", "TRANSFER", ON);
    }

    @Test
    void the_transition_decision_is_recorded() {
        fixture.given(registered())
                .when(new RecordTransitionDecision(CHILD, ON, "TRANSFER_TO_PROBATION", null))
                .expectEvents(new TransitionDecisionRecorded(CHILD, ON, "TRANSFER_TO_PROBATION"));
        fixture.given(registered())
                .when(new RecordTransitionDecision(CHILD, ON, "FLIP_A_COIN", null))
                .expectNoEvents()
                .expectException(refusedOn("decision", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_case_transfers_out_to_another_service_not_to_its_own() {
        fixture.given(registered())
                .when(new TransferCase(CHILD, "OUT", "leicestershire", "TRANSFER", ON, null))
                .expectEvents(out());
        fixture.given(registered())
                .when(new TransferCase(CHILD, "OUT", CaseFixtures.CITY, "TRANSFER", ON, null))
                .expectNoEvents()
                .expectException(refusedOn("otherYouthJusticeService", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new TransferCase(CHILD, "SIDEWAYS", "leicestershire", "TRANSFER", ON, null))
                .expectNoEvents()
                .expectException(refusedOn("direction", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new TransferCase(CHILD, "OUT", "leicestershire", "LOAN", ON, null))
                .expectNoEvents()
                .expectException(refusedOn("arrangement", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_transferred_out_case_refuses_new_records_except_a_transfer_back_in() {
        fixture.given(registered(), out())
                .when(new RecordOffence(CHILD, "o1", ON.plusDays(1), "ROBBERY", 3, true, null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
        fixture.given(registered(), out())
                .when(new TransferCase(CHILD, "OUT", "leicestershire", "TRANSFER", ON.plusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
        fixture.given(registered(), out())
                .when(new RecordFeedback(CHILD, "f1", "CHILD", 4, "ok", ON, null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
        fixture.given(registered(), out())
                .when(new TransferCase(CHILD, "IN", "leicestershire", "TRANSFER", ON.plusDays(20), null))
                .expectEvents(new CaseTransferred(CHILD, "IN", "leicestershire", "TRANSFER", ON.plusDays(20)));
        fixture.given(registered(), out(), new CaseTransferred(CHILD, "IN", "leicestershire", "TRANSFER", ON.plusDays(20)))
                .when(new RecordOffence(CHILD, "o1", ON.plusDays(21), "ROBBERY", 3, true, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void caretaking_out_keeps_the_case_recording_here() {
        fixture.given(registered(), new CaseTransferred(CHILD, "OUT", "leicestershire", "CARETAKING", ON))
                .when(new RecordOffence(CHILD, "o1", ON.plusDays(1), "ROBBERY", 3, true, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_case_closes_with_a_known_reason_code() {
        fixture.given(registered())
                .when(new CloseCase(CHILD, ON, "AGED_OUT", "turned 18", null))
                .expectEvents(new CaseClosed(CHILD, ON, "AGED_OUT", "turned 18"));
        fixture.given(registered())
                .when(new CloseCase(CHILD, ON, "BORED", "no reason", null))
                .expectNoEvents()
                .expectException(refusedOn("reasonCode", HttpStatus.BAD_REQUEST));
    }

    @Test
    void feedback_from_the_child_or_a_parent_is_rated_1_to_5_even_after_closure() {
        fixture.given(registered(), new CaseClosed(CHILD, ON, "ORDER_COMPLETED", "done"))
                .when(new RecordFeedback(CHILD, "f1", "PARENT_CARER", 5, "They listened", ON.plusDays(2), null))
                .expectEvents(new FeedbackRecorded(CHILD, "f1", "PARENT_CARER", 5, "They listened", ON.plusDays(2)));
        fixture.given(registered())
                .when(new RecordFeedback(CHILD, "f1", "NEIGHBOUR", 5, null, ON, null))
                .expectNoEvents()
                .expectException(refusedOn("respondent", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new RecordFeedback(CHILD, "f1", "CHILD", 6, null, ON, null))
                .expectNoEvents()
                .expectException(refusedOn("rating", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), new FeedbackRecorded(CHILD, "f1", "CHILD", 3, null, ON))
                .when(new RecordFeedback(CHILD, "f1", "CHILD", 4, null, ON, null))
                .expectNoEvents()
                .expectException(refusedOn("feedbackId", HttpStatus.CONFLICT));
    }

    @Test
    void an_audit_rates_a_part_of_the_case() {
        fixture.given(registered())
                .when(new RecordCaseAudit(CHILD, "qa1", "NATIONAL_STANDARDS_SAMPLE", null, ON, "GOOD", null))
                .expectEvents(new CaseAuditRecorded(CHILD, "qa1", "NATIONAL_STANDARDS_SAMPLE", null, ON, "GOOD"));
        fixture.given(registered())
                .when(new RecordCaseAudit(CHILD, "qa1", "HAIRCUT", null, ON, "GOOD", null))
                .expectNoEvents()
                .expectException(refusedOn("subject", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new RecordCaseAudit(CHILD, "qa1", "CASE", null, ON, "SPLENDID", null))
                .expectNoEvents()
                .expectException(refusedOn("rating", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), new CaseAuditRecorded(CHILD, "qa1", "CASE", null, ON, "GOOD"))
                .when(new RecordCaseAudit(CHILD, "qa1", "CASE", null, ON, "GOOD", null))
                .expectNoEvents()
                .expectException(refusedOn("auditId", HttpStatus.CONFLICT));
    }

    @Test
    void a_pre_sentence_report_audit_names_an_offence_whose_report_was_submitted() {
        LocalDate offenceDate = LocalDate.of(2024, 1, 2);
        fixture.given(registered(), offence("o1", offenceDate))
                .when(new RecordCaseAudit(CHILD, "qa1", "PRE_SENTENCE_REPORT", "o1", ON, "OUTSTANDING", null))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), offence("o1", offenceDate),
                        new PreSentenceReportRequested(CHILD, "o1", offenceDate.plusDays(5)),
                        new PreSentenceReportSubmitted(CHILD, "o1", offenceDate.plusDays(5), offenceDate.plusDays(20),
                                "YOUTH_REHABILITATION_ORDER", true))
                .when(new RecordCaseAudit(CHILD, "qa1", "PRE_SENTENCE_REPORT", "o1", ON, "OUTSTANDING", null))
                .expectEvents(new CaseAuditRecorded(CHILD, "qa1", "PRE_SENTENCE_REPORT", "o1", ON, "OUTSTANDING"));
    }

    @Test
    void dates_are_not_in_the_future_and_a_transfer_back_in_follows_the_transfer_out() {
        fixture.given(registered())
                .when(new RecordTransitionDecision(CHILD, CaseFixtures.TODAY.plusDays(1), "TRANSFER_TO_PROBATION", null))
                .expectNoEvents()
                .expectException(refusedOn("decidedOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), out())
                .when(new TransferCase(CHILD, "IN", "leicestershire", "TRANSFER", ON.minusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("transferredOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new RecordFeedback(CHILD, "f1", "CHILD", 3, null, CaseFixtures.TODAY.plusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("givenOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new RecordCaseAudit(CHILD, "qa1", "ASSESSMENT", "o9", ON, "GOOD", null))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.NOT_FOUND));
    }

    @Test
    void a_closed_case_transfers_nowhere() {
        fixture.given(registered(), new CaseClosed(CHILD, ON, "ORDER_COMPLETED", "done"))
                .when(new TransferCase(CHILD, "OUT", "leicestershire", "TRANSFER", ON.plusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
    }
}
