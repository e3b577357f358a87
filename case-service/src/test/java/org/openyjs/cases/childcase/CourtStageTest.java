package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.EndRemand;
import org.openyjs.cases.api.CaseCommands.RecordHomeVisit;
import org.openyjs.cases.api.CaseCommands.RequestPreSentenceReport;
import org.openyjs.cases.api.CaseCommands.StartRemand;
import org.openyjs.cases.api.CaseCommands.SubmitPreSentenceReport;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.HomeVisitRecorded;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.openyjs.cases.api.CaseEvents.PreSentenceReportRequested;
import org.openyjs.cases.api.CaseEvents.PreSentenceReportSubmitted;
import org.openyjs.cases.api.CaseEvents.RemandEnded;
import org.openyjs.cases.api.CaseEvents.RemandStarted;
import org.openyjs.cases.reference.OutcomeType;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The court stage: pre-sentence reports, remands and the home visit after the outcome. */
class CourtStageTest {

    private static final String CHILD = "child-1";
    private static final LocalDate OFFENCE = LocalDate.of(2023, 10, 2);
    private static final LocalDate LONG_AGO = LocalDate.of(2000, 1, 1);

    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChildCase.class);
        fixture.registerInjectableResource(new ReferenceData(List.of(
                new OutcomeType("REFERRAL_ORDER", "Referral order", "COURT", false, false, LONG_AGO, null),
                new OutcomeType("YOUTH_CAUTION", "Youth caution", "OUT_OF_COURT", true, false, LONG_AGO, null)),
                Set.of("leicester-city")));
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneId.of("Europe/London")));
    }

    private static Object[] childWithOffence() {
        return new Object[]{
                new ChildRegistered(CHILD, "leicester-city", LocalDate.of(2008, 2, 2), "MALE", "WHITE_BRITISH", "Leicester", null),
                new OffenceRecorded(CHILD, "o1", OFFENCE, "ROBBERY", 4, true)};
    }

    @Test
    void a_report_is_requested_then_submitted_with_its_proposal() {
        fixture.given(childWithOffence())
                .andGiven(new PreSentenceReportRequested(CHILD, "o1", LocalDate.of(2023, 11, 1)))
                .when(new SubmitPreSentenceReport(CHILD, "o1", LocalDate.of(2023, 11, 20), "REFERRAL_ORDER", true, null))
                .expectEvents(new PreSentenceReportSubmitted(CHILD, "o1", LocalDate.of(2023, 11, 1),
                        LocalDate.of(2023, 11, 20), "REFERRAL_ORDER", true));
    }

    @Test
    void a_report_not_requested_cannot_be_submitted() {
        fixture.given(childWithOffence())
                .when(new SubmitPreSentenceReport(CHILD, "o1", LocalDate.of(2023, 11, 20), "REFERRAL_ORDER", true, null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void a_report_proposes_a_court_sentence() {
        fixture.given(childWithOffence())
                .andGiven(new PreSentenceReportRequested(CHILD, "o1", LocalDate.of(2023, 11, 1)))
                .when(new SubmitPreSentenceReport(CHILD, "o1", LocalDate.of(2023, 11, 20), "YOUTH_CAUTION", true, null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void a_report_is_requested_once() {
        fixture.given(childWithOffence())
                .andGiven(new PreSentenceReportRequested(CHILD, "o1", LocalDate.of(2023, 11, 1)))
                .when(new RequestPreSentenceReport(CHILD, "o1", LocalDate.of(2023, 11, 2), null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void a_remand_starts_and_ends() {
        fixture.given(childWithOffence())
                .when(new StartRemand(CHILD, "r1", "o1", "YOUTH_DETENTION_ACCOMMODATION", LocalDate.of(2023, 10, 3), null))
                .expectEvents(new RemandStarted(CHILD, "r1", "o1", "YOUTH_DETENTION_ACCOMMODATION",
                        LocalDate.of(2023, 10, 3)));
        fixture.given(childWithOffence())
                .andGiven(new RemandStarted(CHILD, "r1", "o1", "YOUTH_DETENTION_ACCOMMODATION", LocalDate.of(2023, 10, 3)))
                .when(new EndRemand(CHILD, "r1", LocalDate.of(2023, 12, 1), null))
                .expectEvents(new RemandEnded(CHILD, "r1", "o1", "YOUTH_DETENTION_ACCOMMODATION",
                        LocalDate.of(2023, 10, 3), LocalDate.of(2023, 12, 1)));
    }

    @Test
    void a_remand_ending_before_it_started_is_refused() {
        fixture.given(childWithOffence())
                .andGiven(new RemandStarted(CHILD, "r1", "o1", "LOCAL_AUTHORITY_ACCOMMODATION", LocalDate.of(2023, 10, 3)))
                .when(new EndRemand(CHILD, "r1", LocalDate.of(2023, 10, 2), null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_unknown_remand_type_is_refused() {
        fixture.given(childWithOffence())
                .when(new StartRemand(CHILD, "r1", "o1", "HOTEL", LocalDate.of(2023, 10, 3), null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void the_home_visit_follows_an_outcome() {
        Instant visit = Instant.parse("2023-12-02T11:00:00Z");
        fixture.given(childWithOffence())
                .when(new RecordHomeVisit(CHILD, "o1", visit, null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
        fixture.given(childWithOffence())
                .andGiven(new OutcomeRecorded(CHILD, "o1", "REFERRAL_ORDER", LocalDate.of(2023, 12, 1), null))
                .when(new RecordHomeVisit(CHILD, "o1", visit, null))
                .expectEvents(new HomeVisitRecorded(CHILD, "o1", visit));
    }
}
