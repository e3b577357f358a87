package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.EndOrder;
import org.openyjs.cases.api.CaseCommands.RecordStatus;
import org.openyjs.cases.api.CaseCommands.StartOrder;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OrderEnded;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.api.CaseEvents.StatusRecorded;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.events.cases.StatusRecorded.Accommodation;
import org.openyjs.events.cases.StatusRecorded.Ete;
import org.openyjs.events.cases.StatusRecorded.Need;
import org.openyjs.events.cases.StatusRecorded.Send;
import org.openyjs.events.cases.StatusRecorded.WiderServices;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Interventions and orders on a child's case, and the status snapshots at their start and end. */
class OrdersTest {

    private static final String CHILD = "child-1";
    private static final LocalDate OFFENCE = LocalDate.of(2023, 9, 1);
    private static final LocalDate START = LocalDate.of(2023, 11, 6);
    private static final LocalDate LONG_AGO = LocalDate.of(2000, 1, 1);

    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChildCase.class);
        fixture.registerInjectableResource(new ReferenceData(List.of(), Set.of("leicester-city"), null, null, List.of(
                new ReferenceData.OrderType(new ReferenceData.Code("REFERRAL_ORDER", "Referral order", LONG_AGO, null),
                        "COMMUNITY"),
                new ReferenceData.OrderType(new ReferenceData.Code("PREVENTION_INTERVENTION", "Prevention", LONG_AGO,
                        null), "PREVENTION"))));
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2024-06-30T12:00:00Z"), ZoneId.of("Europe/London")));
    }

    private static Object[] childWithOffence() {
        return new Object[]{
                new ChildRegistered(CHILD, "leicester-city", LocalDate.of(2008, 2, 2), "MALE", "WHITE_BRITISH", "Leicester", null),
                new OffenceRecorded(CHILD, "o1", OFFENCE, "ROBBERY", 4, true)};
    }

    private static OrderStarted referralOrder() {
        return new OrderStarted(CHILD, "ro1", "REFERRAL_ORDER", "COMMUNITY", "o1", START, START.plusMonths(6));
    }

    private static RecordStatus status(String point, LocalDate on, String eteStatus, int offered, int attended) {
        return new RecordStatus(CHILD, "ro1", point, on, new Accommodation(true, "FAMILY_HOME"),
                new Ete(true, offered, attended, eteStatus, true), new Send(true, false),
                new Need(true, true, true), new Need(false, false, false),
                new WiderServices(false, false, true, false), null);
    }

    @Test
    void an_order_starts_with_the_kind_of_its_type() {
        fixture.given(childWithOffence())
                .when(new StartOrder(CHILD, "ro1", "REFERRAL_ORDER", "o1", START, START.plusMonths(6), null))
                .expectEvents(referralOrder());
    }

    @Test
    void prevention_work_needs_no_offence() {
        fixture.given(childWithOffence())
                .when(new StartOrder(CHILD, "p1", "PREVENTION_INTERVENTION", null, START, null, null))
                .expectEvents(new OrderStarted(CHILD, "p1", "PREVENTION_INTERVENTION", "PREVENTION", null, START, null));
    }

    @Test
    void an_unknown_order_type_is_refused() {
        fixture.given(childWithOffence())
                .when(new StartOrder(CHILD, "x1", "TRANSPORTATION", "o1", START, null, null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void a_planned_end_before_the_start_is_refused() {
        fixture.given(childWithOffence())
                .when(new StartOrder(CHILD, "ro1", "REFERRAL_ORDER", "o1", START, START.minusDays(1), null))
                .expectNoEvents()
                .expectException(DomainRefusal.class)
                .expectExceptionMessage(START.minusDays(1) + " is before the order's start (" + START + ")");
    }

    @Test
    void an_order_ending_before_it_started_is_refused() {
        fixture.given(childWithOffence()).andGiven(referralOrder())
                .when(new EndOrder(CHILD, "ro1", START.minusDays(1), "COMPLETED", null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void an_order_ends_once_with_a_known_reason() {
        fixture.given(childWithOffence()).andGiven(referralOrder())
                .when(new EndOrder(CHILD, "ro1", START.plusMonths(6), "COMPLETED", null))
                .expectEvents(new OrderEnded(CHILD, "ro1", "REFERRAL_ORDER", "COMMUNITY", START.plusMonths(6),
                        "COMPLETED"));
        fixture.given(childWithOffence()).andGiven(referralOrder(),
                        new OrderEnded(CHILD, "ro1", "REFERRAL_ORDER", "COMMUNITY", START.plusMonths(6), "COMPLETED"))
                .when(new EndOrder(CHILD, "ro1", START.plusMonths(7), "REVOKED", null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
        fixture.given(childWithOffence()).andGiven(referralOrder())
                .when(new EndOrder(CHILD, "ro1", START.plusMonths(6), "GOT_BORED", null))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void status_at_the_end_of_an_order_is_recorded() {
        fixture.given(childWithOffence()).andGiven(referralOrder())
                .when(status("END", START.plusMonths(6), "FULL_TIME", 25, 25))
                .expectEvents(new StatusRecorded(CHILD, "ro1", "END", START.plusMonths(6),
                        new Accommodation(true, "FAMILY_HOME"), new Ete(true, 25, 25, "FULL_TIME", true),
                        new Send(true, false), new Need(true, true, true), new Need(false, false, false),
                        new WiderServices(false, false, true, false)));
    }

    @Test
    void more_hours_attended_than_offered_is_refused() {
        fixture.given(childWithOffence()).andGiven(referralOrder())
                .when(status("END", START.plusMonths(6), "PART_TIME", 10, 12))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void status_for_an_order_not_on_the_case_is_refused() {
        fixture.given(childWithOffence())
                .when(status("START", START, "FULL_TIME", 25, 25))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }

    @Test
    void status_dated_before_the_order_started_is_refused() {
        fixture.given(childWithOffence()).andGiven(referralOrder())
                .when(status("START", START.minusDays(3), "NEET", 0, 0))
                .expectNoEvents()
                .expectException(DomainRefusal.class);
    }
}
