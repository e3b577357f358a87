package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.QualityAssureAssessment;
import org.openyjs.cases.api.CaseCommands.RecordAssessment;
import org.openyjs.cases.api.CaseCommands.RecordVictimContact;
import org.openyjs.cases.api.CaseCommands.ReferToOutOfCourtPanel;
import org.openyjs.cases.api.CaseEvents.AssessmentQualityAssured;
import org.openyjs.cases.api.CaseEvents.AssessmentRecorded;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.openyjs.cases.api.CaseEvents.ReferredToOutOfCourtPanel;
import org.openyjs.cases.api.CaseEvents.VictimContactRecorded;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The out-of-court route on a child's case: referral to the panel, assessment and its QA, victim contact. */
class OutOfCourtRouteTest {

    private static final String CHILD = "child-1";
    private static final LocalDate OFFENCE = LocalDate.of(2024, 1, 3);

    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChildCase.class);
        fixture.registerInjectableResource(new ReferenceData(List.of(), Set.of("leicestershire")));
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneId.of("Europe/London")));
    }

    private static Object[] childWithOffence() {
        return new Object[]{
                new ChildRegistered(CHILD, "leicestershire", LocalDate.of(2009, 1, 20), "FEMALE", "WHITE_BRITISH",
                        "Leicestershire", null),
                new OffenceRecorded(CHILD, "o1", OFFENCE, "CRIMINAL_DAMAGE", 2, true)};
    }

    @Test
    void a_referral_carries_the_gravity_score_and_admission_to_the_panel() {
        fixture.given(childWithOffence())
                .when(new ReferToOutOfCourtPanel(CHILD, "o1", LocalDate.of(2024, 1, 5)))
                .expectEvents(new ReferredToOutOfCourtPanel(CHILD, "o1", LocalDate.of(2024, 1, 5), 2, true));
    }

    @Test
    void an_offence_is_referred_once() {
        fixture.given(childWithOffence())
                .andGiven(new ReferredToOutOfCourtPanel(CHILD, "o1", LocalDate.of(2024, 1, 5), 2, true))
                .when(new ReferToOutOfCourtPanel(CHILD, "o1", LocalDate.of(2024, 1, 6)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_offence_with_an_outcome_is_not_referred() {
        fixture.given(childWithOffence())
                .andGiven(new OutcomeRecorded(CHILD, "o1", "YOUTH_CAUTION", LocalDate.of(2024, 1, 10), null))
                .when(new ReferToOutOfCourtPanel(CHILD, "o1", LocalDate.of(2024, 1, 12)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void a_referral_before_the_offence_is_refused() {
        fixture.given(childWithOffence())
                .when(new ReferToOutOfCourtPanel(CHILD, "o1", OFFENCE.minusDays(1)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_assessment_is_recorded_then_quality_assured() {
        AssessmentRecorded completed = new AssessmentRecorded(CHILD, "a1", "o1", "PREVENTION_AND_DIVERSION",
                LocalDate.of(2024, 1, 8), null);
        fixture.given(childWithOffence())
                .andGiven(completed)
                .when(new QualityAssureAssessment(CHILD, "a1", LocalDate.of(2024, 1, 9)))
                .expectEvents(new AssessmentQualityAssured(CHILD, "a1", "o1", "PREVENTION_AND_DIVERSION",
                        LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 9)));
    }

    @Test
    void quality_assurance_before_completion_is_refused() {
        fixture.given(childWithOffence())
                .when(new RecordAssessment(CHILD, "a1", "o1", "ASSETPLUS", LocalDate.of(2024, 1, 8),
                        LocalDate.of(2024, 1, 7)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_unknown_assessment_tool_is_refused() {
        fixture.given(childWithOffence())
                .when(new RecordAssessment(CHILD, "a1", null, "CRYSTAL_BALL", LocalDate.of(2024, 1, 8), null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_assessment_is_quality_assured_once() {
        fixture.given(childWithOffence())
                .andGiven(new AssessmentRecorded(CHILD, "a1", null, "ASSETPLUS", LocalDate.of(2024, 1, 8),
                        LocalDate.of(2024, 1, 9)))
                .when(new QualityAssureAssessment(CHILD, "a1", LocalDate.of(2024, 1, 10)))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void victim_contact_is_recorded_against_an_offence_on_the_case() {
        fixture.given(childWithOffence())
                .when(new RecordVictimContact(CHILD, "o1", "v1", LocalDate.of(2024, 1, 4), "VIEWS_GIVEN", true, true))
                .expectEvents(new VictimContactRecorded(CHILD, "o1", "v1", LocalDate.of(2024, 1, 4), "VIEWS_GIVEN",
                        true, true));
    }

    @Test
    void victim_contact_for_an_offence_not_on_the_case_is_refused() {
        fixture.given(childWithOffence())
                .when(new RecordVictimContact(CHILD, "o9", "v1", LocalDate.of(2024, 1, 4), "DECLINED", false, false))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_unknown_victim_contact_result_is_refused() {
        fixture.given(childWithOffence())
                .when(new RecordVictimContact(CHILD, "o1", "v1", LocalDate.of(2024, 1, 4), "SHRUGGED", false, false))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }
}
