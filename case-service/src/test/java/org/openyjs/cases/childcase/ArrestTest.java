package org.openyjs.cases.childcase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseCommands.AllocateWorker;
import org.openyjs.cases.api.CaseCommands.RecordArrest;
import org.openyjs.cases.api.CaseCommands.RecordArrestResult;
import org.openyjs.cases.api.CaseCommands.RecordPaceTransfer;
import org.openyjs.cases.api.CaseEvents.Arrest;
import org.openyjs.cases.api.CaseEvents.ArrestRecorded;
import org.openyjs.cases.api.CaseEvents.ArrestResultRecorded;
import org.openyjs.cases.api.CaseEvents.PaceTransferRecorded;
import org.openyjs.cases.api.CaseEvents.WorkerAllocated;
import org.springframework.http.HttpStatus;

import java.time.Instant;

import static org.openyjs.cases.childcase.CaseFixtures.CHILD;
import static org.openyjs.cases.childcase.CaseFixtures.refusedOn;
import static org.openyjs.cases.childcase.CaseFixtures.registered;

/** Arrest and police custody: a worker at the point of arrest, overnight detention, PACE transfer, bail, RUI. */
class ArrestTest {

    private static final Instant ARRESTED = Instant.parse("2024-03-02T21:15:00Z");
    private AggregateTestFixture<ChildCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseFixtures.fixture();
    }

    private static Arrest arrest(boolean overnight) {
        return new Arrest("a1", ARRESTED, null, overnight, false, false, null);
    }

    @Test
    void an_arrest_is_recorded_with_its_time() {
        fixture.given(registered())
                .when(new RecordArrest(CHILD, "a1", ARRESTED, true, null))
                .expectEvents(new ArrestRecorded(CHILD, arrest(true)));
    }

    @Test
    void an_arrest_in_the_future_twice_or_of_a_child_under_10_is_refused() {
        fixture.given(registered())
                .when(new RecordArrest(CHILD, "a1", Instant.parse("2024-07-01T10:00:00Z"), false, null))
                .expectNoEvents()
                .expectException(refusedOn("arrestedAt", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(false)))
                .when(new RecordArrest(CHILD, "a1", ARRESTED, false, null))
                .expectNoEvents()
                .expectException(refusedOn("arrestId", HttpStatus.CONFLICT));
        fixture.given(registered())
                .when(new RecordArrest(CHILD, "a2", Instant.parse("2017-06-01T10:00:00Z"), false, null))
                .expectNoEvents()
                .expectException(refusedOn("arrestedAt", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_worker_allocated_at_the_point_of_arrest_is_on_the_arrest() {
        Instant allocated = ARRESTED.plusSeconds(1800);
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(true)))
                .when(new AllocateWorker(CHILD, "wendy.worker", allocated, "a1", null))
                .expectEvents(new WorkerAllocated(CHILD, "wendy.worker", allocated,
                        new Arrest("a1", ARRESTED, allocated, true, false, false, null)));
    }

    @Test
    void a_worker_is_not_allocated_before_the_arrest_nor_twice_at_it() {
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(true)))
                .when(new AllocateWorker(CHILD, "wendy.worker", ARRESTED.minusSeconds(60), "a1", null))
                .expectNoEvents()
                .expectException(refusedOn("allocatedAt", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(true)), new WorkerAllocated(CHILD, "wendy.worker",
                        ARRESTED, new Arrest("a1", ARRESTED, ARRESTED, true, false, false, null)))
                .when(new AllocateWorker(CHILD, "bob.worker", ARRESTED.plusSeconds(60), "a1", null))
                .expectNoEvents()
                .expectException(refusedOn("arrestId", HttpStatus.CONFLICT));
        fixture.given(registered())
                .when(new AllocateWorker(CHILD, " ", ARRESTED, null, null))
                .expectNoEvents()
                .expectException(refusedOn("worker", HttpStatus.BAD_REQUEST));
    }

    @Test
    void a_pace_transfer_is_for_a_child_held_overnight() {
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(true)))
                .when(new RecordPaceTransfer(CHILD, "a1", false, null))
                .expectEvents(new PaceTransferRecorded(CHILD, new Arrest("a1", ARRESTED, null, true, true, false, null)));
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(false)))
                .when(new RecordPaceTransfer(CHILD, "a1", true, null))
                .expectNoEvents()
                .expectException(refusedOn("arrestId", HttpStatus.CONFLICT));
        fixture.given(registered())
                .when(new RecordPaceTransfer(CHILD, "a1", true, null))
                .expectNoEvents()
                .expectException(refusedOn("arrestId", HttpStatus.NOT_FOUND));
    }

    @Test
    void bail_or_release_under_investigation_is_the_arrest_result_recorded_once() {
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(false)))
                .when(new RecordArrestResult(CHILD, "a1", "RELEASED_UNDER_INVESTIGATION", null))
                .expectEvents(new ArrestResultRecorded(CHILD, new Arrest("a1", ARRESTED, null, false, false, false,
                        "RELEASED_UNDER_INVESTIGATION")));
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(false)))
                .when(new RecordArrestResult(CHILD, "a1", "LET_OFF", null))
                .expectNoEvents()
                .expectException(refusedOn("result", HttpStatus.BAD_REQUEST));
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(false)), new ArrestResultRecorded(CHILD,
                        new Arrest("a1", ARRESTED, null, false, false, false, "BAILED")))
                .when(new RecordArrestResult(CHILD, "a1", "CHARGED", null))
                .expectNoEvents()
                .expectException(refusedOn("arrestId", HttpStatus.CONFLICT));
    }

    @Test
    void a_worker_is_not_allocated_in_the_future_nor_at_an_arrest_not_on_the_case() {
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(true)))
                .when(new AllocateWorker(CHILD, "wendy.worker", Instant.parse("2024-07-01T09:00:00Z"), "a1", null))
                .expectNoEvents()
                .expectException(refusedOn("allocatedAt", HttpStatus.BAD_REQUEST));
        fixture.given(registered())
                .when(new AllocateWorker(CHILD, "wendy.worker", ARRESTED, "a9", null))
                .expectNoEvents()
                .expectException(refusedOn("arrestId", HttpStatus.NOT_FOUND));
    }

    @Test
    void a_pace_transfer_is_recorded_once() {
        fixture.given(registered(), new ArrestRecorded(CHILD, arrest(true)),
                        new PaceTransferRecorded(CHILD, new Arrest("a1", ARRESTED, null, true, true, false, null)))
                .when(new RecordPaceTransfer(CHILD, "a1", true, null))
                .expectNoEvents()
                .expectException(refusedOn("arrestId", HttpStatus.CONFLICT));
    }
}
