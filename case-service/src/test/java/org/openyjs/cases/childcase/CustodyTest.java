package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.AdmitToCustody;
import org.openyjs.cases.api.CaseCommands.AllocateYouthAdvocate;
import org.openyjs.cases.api.CaseCommands.MakeAccommodationReferral;
import org.openyjs.cases.api.CaseCommands.RecordTemporaryRelease;
import org.openyjs.cases.api.CaseCommands.ReleaseFromCustody;
import org.openyjs.cases.api.CaseEvents.AccommodationReferralMade;
import org.openyjs.cases.api.CaseEvents.CustodyEntered;
import org.openyjs.cases.api.CaseEvents.OrderEnded;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.api.CaseEvents.ReleasedFromCustody;
import org.openyjs.cases.api.CaseEvents.TemporaryReleaseRecorded;
import org.openyjs.cases.api.CaseEvents.YouthAdvocateAllocated;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;

import static org.openyjs.cases.childcase.CaseFixtures.CHILD;
import static org.openyjs.cases.childcase.CaseFixtures.order;
import static org.openyjs.cases.childcase.CaseFixtures.refusedOn;
import static org.openyjs.cases.childcase.CaseFixtures.registered;

/** Custody and resettlement on a custodial order: admission, advocate, accommodation referral, ROTL, release. */
class CustodyTest {

    private static final LocalDate SENTENCED = LocalDate.of(2024, 1, 10);
    private static final LocalDate RELEASE = LocalDate.of(2024, 9, 10);
    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseFixtures.fixture();
    }

    private static OrderStarted dto() {
        return order("dto1", "DETENTION_AND_TRAINING_ORDER", "CUSTODY", SENTENCED, LocalDate.of(2025, 1, 10));
    }

    private static CustodyEntered admitted() {
        return new CustodyEntered(CHILD, "dto1", "STC", SENTENCED, RELEASE);
    }

    @Test
    void a_child_is_admitted_to_the_secure_estate_on_a_custodial_order() {
        fixture.given(registered(), dto())
                .when(new AdmitToCustody(CHILD, "dto1", "STC", SENTENCED, RELEASE, null))
                .expectEvents(admitted());
    }

    @Test
    void admission_on_a_non_custodial_order_or_an_unknown_establishment_is_refused() {
        fixture.given(registered(), order("ro1", "REFERRAL_ORDER", "COMMUNITY", SENTENCED, null))
                .when(new AdmitToCustody(CHILD, "ro1", "YOI", SENTENCED, RELEASE, null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), dto())
                .when(new AdmitToCustody(CHILD, "dto1", "HOTEL", SENTENCED, RELEASE, null))
                .expectNoEvents()
                .expectException(refusedOn("establishmentType", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), dto(), admitted())
                .when(new AdmitToCustody(CHILD, "dto1", "YOI", SENTENCED, RELEASE, null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
        fixture.given(registered(), dto())
                .when(new AdmitToCustody(CHILD, "dto1", "SCH", SENTENCED, SENTENCED.minusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("expectedReleaseDate", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), dto(), new OrderEnded(CHILD, "dto1", "DETENTION_AND_TRAINING_ORDER", "CUSTODY",
                        SENTENCED.plusDays(1), "REVOKED"))
                .when(new AdmitToCustody(CHILD, "dto1", "SCH", SENTENCED.plusDays(2), RELEASE, null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
    }

    @Test
    void the_advocate_and_the_accommodation_referral_are_recorded_once_while_in_custody() {
        fixture.given(registered(), dto(), admitted())
                .when(new AllocateYouthAdvocate(CHILD, "dto1", SENTENCED.plusDays(2), null))
                .expectEvents(new YouthAdvocateAllocated(CHILD, "dto1", SENTENCED.plusDays(2)));
        fixture.given(registered(), dto(), admitted(), new YouthAdvocateAllocated(CHILD, "dto1", SENTENCED))
                .when(new AllocateYouthAdvocate(CHILD, "dto1", SENTENCED.plusDays(2), null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
        fixture.given(registered(), dto(), admitted())
                .when(new MakeAccommodationReferral(CHILD, "dto1", LocalDate.of(2024, 5, 1), null))
                .expectEvents(new AccommodationReferralMade(CHILD, "dto1", LocalDate.of(2024, 5, 1), RELEASE));
        fixture.given(registered(), dto())
                .when(new MakeAccommodationReferral(CHILD, "dto1", LocalDate.of(2024, 5, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
    }

    @Test
    void a_temporary_release_returns_after_it_leaves() {
        fixture.given(registered(), dto(), admitted())
                .when(new RecordTemporaryRelease(CHILD, "dto1", LocalDate.of(2024, 6, 1), LocalDate.of(2024, 6, 2), null))
                .expectEvents(new TemporaryReleaseRecorded(CHILD, "dto1", LocalDate.of(2024, 6, 1),
                        LocalDate.of(2024, 6, 2)));
        fixture.given(registered(), dto(), admitted())
                .when(new RecordTemporaryRelease(CHILD, "dto1", LocalDate.of(2024, 6, 2), LocalDate.of(2024, 6, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("returnedOn", HttpStatus.BAD_REQUEST));
    }

    @Test
    void release_follows_admission_once() {
        fixture.given(registered(), dto(), admitted())
                .when(new ReleaseFromCustody(CHILD, "dto1", LocalDate.of(2024, 6, 10), "LICENCE", null))
                .expectEvents(new ReleasedFromCustody(CHILD, "dto1", LocalDate.of(2024, 6, 10), "LICENCE"));
        fixture.given(registered(), dto())
                .when(new ReleaseFromCustody(CHILD, "dto1", LocalDate.of(2024, 6, 10), "LICENCE", null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
        fixture.given(registered(), dto(), admitted(),
                        new ReleasedFromCustody(CHILD, "dto1", LocalDate.of(2024, 6, 10), "LICENCE"))
                .when(new ReleaseFromCustody(CHILD, "dto1", LocalDate.of(2024, 6, 11), "END_OF_SENTENCE", null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
        fixture.given(registered(), dto(), admitted())
                .when(new ReleaseFromCustody(CHILD, "dto1", SENTENCED.minusDays(1), "LICENCE", null))
                .expectNoEvents()
                .expectException(refusedOn("releasedOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), dto(), admitted())
                .when(new ReleaseFromCustody(CHILD, "dto1", LocalDate.of(2024, 6, 10), "ESCAPED", null))
                .expectNoEvents()
                .expectException(refusedOn("releaseType", HttpStatus.BAD_REQUEST));
    }

    @Test
    void nothing_in_custody_is_dated_before_the_admission_or_the_order() {
        fixture.given(registered(), dto())
                .when(new AdmitToCustody(CHILD, "dto1", "YOI", SENTENCED.minusDays(1), RELEASE, null))
                .expectNoEvents()
                .expectException(refusedOn("admittedOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), dto(), admitted())
                .when(new AllocateYouthAdvocate(CHILD, "dto1", SENTENCED.minusDays(1), null))
                .expectNoEvents()
                .expectException(refusedOn("allocatedOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), dto(), admitted())
                .when(new RecordTemporaryRelease(CHILD, "dto1", SENTENCED.minusDays(1), null, null))
                .expectNoEvents()
                .expectException(refusedOn("leftOn", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), dto())
                .when(new RecordTemporaryRelease(CHILD, "dto1", SENTENCED.plusDays(1), null, null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
    }

    @Test
    void the_accommodation_referral_is_made_once_and_a_late_one_is_still_recorded() {
        fixture.given(registered(), dto(), admitted(),
                        new AccommodationReferralMade(CHILD, "dto1", LocalDate.of(2024, 5, 1), RELEASE))
                .when(new MakeAccommodationReferral(CHILD, "dto1", LocalDate.of(2024, 6, 1), null))
                .expectNoEvents()
                .expectException(refusedOn("orderId", HttpStatus.CONFLICT));
        // Under 3 months before release breaks the local rule, which is measured (overdue), not enforced.
        fixture.given(registered(), dto(), admitted())
                .when(new MakeAccommodationReferral(CHILD, "dto1", LocalDate.of(2024, 6, 30), null))
                .expectEvents(new AccommodationReferralMade(CHILD, "dto1", LocalDate.of(2024, 6, 30), RELEASE));
    }
}
