package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.LiftRestriction;
import org.openyjs.cases.api.CaseCommands.RecordVictimContact;
import org.openyjs.cases.api.CaseCommands.RecordVictimDetails;
import org.openyjs.cases.api.CaseCommands.RestrictCase;
import org.openyjs.cases.api.CaseEvents.CaseRestricted;
import org.openyjs.cases.api.CaseEvents.PersonalDataErased;
import org.openyjs.cases.api.CaseEvents.RestrictionLifted;
import org.openyjs.cases.api.CaseEvents.VictimContactRecorded;
import org.openyjs.cases.api.CaseEvents.VictimDetailsRecorded;
import org.openyjs.cases.api.CaseEvents.WorkerAllocated;
import org.springframework.http.HttpStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.openyjs.cases.childcase.CaseFixtures.CHILD;
import static org.openyjs.cases.childcase.CaseFixtures.offence;
import static org.openyjs.cases.childcase.CaseFixtures.refusedOn;
import static org.openyjs.cases.childcase.CaseFixtures.registered;

/** Victims (contact answers, encrypted details) and restricting a child's record to named workers. */
class VictimsAndRestrictionTest {

    private static final LocalDate OFFENCE = LocalDate.of(2024, 1, 2);
    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseFixtures.fixture();
    }

    @Test
    void victim_contact_records_the_version_2_answers() {
        fixture.given(registered(), offence("o1", OFFENCE))
                .when(new RecordVictimContact(CHILD, "o1", "v1", OFFENCE.plusDays(3), "VIEWS_GIVEN", true, true,
                        true, true, false, null))
                .expectEvents(new VictimContactRecorded(CHILD, "o1", "v1", OFFENCE.plusDays(3), "VIEWS_GIVEN", true,
                        true, true, true, false));
    }

    @Test
    void a_victim_cannot_take_part_in_restorative_justice_not_offered() {
        fixture.given(registered(), offence("o1", OFFENCE))
                .when(new RecordVictimContact(CHILD, "o1", "v1", OFFENCE.plusDays(3), "VIEWS_GIVEN", true, false,
                        true, true, null, null))
                .expectNoEvents()
                .expectException(refusedOn("restorativeJusticeParticipated", HttpStatus.BAD_REQUEST));
    }

    @Test
    void victim_details_are_recorded_sealed_but_not_after_erasure() {
        fixture.given(registered(), offence("o1", OFFENCE))
                .when(new RecordVictimDetails(CHILD, "v1", "o1", "c2VhbGVk", null))
                .expectEvents(new VictimDetailsRecorded(CHILD, "v1", "o1", "c2VhbGVk"));
        fixture.given(registered(), new PersonalDataErased(CHILD, "request"))
                .when(new RecordVictimDetails(CHILD, "v1", null, "c2VhbGVk", null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
        fixture.given(registered())
                .when(new RecordVictimDetails(CHILD, "v1", "o9", "c2VhbGVk", null))
                .expectNoEvents()
                .expectException(refusedOn("offenceId", HttpStatus.NOT_FOUND));
    }

    @Test
    void an_admin_or_the_allocated_worker_restricts_the_record_to_named_workers() {
        WorkerAllocated wendy = new WorkerAllocated(CHILD, "wendy", Instant.parse("2024-01-03T10:00:00Z"), null);
        fixture.given(registered(), wendy)
                .when(new RestrictCase(CHILD, List.of("wendy", " ", "mo"), "wendy", false, null))
                .expectEvents(new CaseRestricted(CHILD, List.of("wendy", "mo"), "wendy"));
        fixture.given(registered())
                .when(new RestrictCase(CHILD, List.of("wendy"), "ada", true, null))
                .expectEvents(new CaseRestricted(CHILD, List.of("wendy"), "ada"));
        fixture.given(registered(), wendy)
                .when(new RestrictCase(CHILD, List.of("bob"), "bob", false, null))
                .expectNoEvents()
                .expectException(refusedOn(null, HttpStatus.FORBIDDEN));
        fixture.given(registered())
                .when(new RestrictCase(CHILD, List.of(" "), "ada", true, null))
                .expectNoEvents()
                .expectException(refusedOn("workers", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_restriction_is_lifted_by_the_same_authority_and_only_when_there_is_one() {
        CaseRestricted restricted = new CaseRestricted(CHILD, List.of("wendy"), "ada");
        fixture.given(registered(), restricted)
                .when(new LiftRestriction(CHILD, "ada", true, null))
                .expectEvents(new RestrictionLifted(CHILD, "ada"));
        fixture.given(registered(), restricted)
                .when(new LiftRestriction(CHILD, "wendy", false, null))
                .expectNoEvents()
                .expectException(refusedOn(null, HttpStatus.FORBIDDEN));
        fixture.given(registered())
                .when(new LiftRestriction(CHILD, "ada", true, null))
                .expectNoEvents()
                .expectException(refusedOn("childId", HttpStatus.CONFLICT));
    }
}
