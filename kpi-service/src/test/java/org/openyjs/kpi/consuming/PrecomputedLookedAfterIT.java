package org.openyjs.kpi.consuming;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.CaseFacts;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openyjs.kpi.consuming.Polls.child;
import static org.openyjs.kpi.consuming.Polls.day;
import static org.openyjs.kpi.consuming.Polls.event;

/**
 * The looked-after spells (V18 kpi_looked_after_spell, what a looked-after-known figure counts now) from event
 * sequences: however the events fall into polls, delivered twice, re-recorded, back-dated or replayed by a rebuild,
 * the count must be what the facts give (the as-of path, which still reads kpi_status, is the oracle) and what the
 * drill-down lists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class PrecomputedLookedAfterIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    private static final Instant AFTER_EVERYTHING = Instant.parse("2100-01-01T00:00:00Z");
    private static final List<String> SERVICES = List.of(CITY, COUNTY, "partnership");
    private static final List<LocalDate> DAYS = List.of(day("2023-05-31"), day("2023-06-01"), day("2023-07-31"),
            day("2023-08-01"), day("2023-09-30"), day("2023-10-01"), day("2023-10-02"), day("2023-12-31"),
            day("2024-01-15"), day("2024-03-31"));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_precomputed_looked_after");
    }

    @Autowired
    IntegrationEventListener listener;
    @Autowired
    ReadModelReset reset;
    @Autowired
    CaseFacts cases;
    @Autowired
    PrecomputedOutcomes precomputed;
    @Autowired
    MeasureCalculator calculator;
    @Autowired
    Measures measures;
    @Autowired
    JdbcClient jdbc;

    private Polls polls;

    @BeforeEach
    void emptyReadModel() {
        polls = new Polls(listener);
        reset.clear();
    }

    @Test
    void eachPollKeepsTheSpellsAndALateBackDatedAnswerMovesThem() {
        poll(event(CITY, child("a", CITY)), event(CITY, child("b", CITY)), event(COUNTY, child("c", COUNTY)),
                event(CITY, status("a", "ord1", "2023-06-01", true)),
                event(COUNTY, status("c", "ord1", "2023-06-01", true)));
        poll(event(CITY, status("a", "ord1", "2023-12-01", false)), event(CITY, status("b", "ord1", "2023-10-01", true)));
        assertThat(lookedAfter(CITY, "2023-05-31")).isZero();
        assertThat(lookedAfter(CITY, "2023-06-01")).isEqualTo(1);
        assertThat(lookedAfter(CITY, "2023-10-01")).isEqualTo(2);
        assertThat(lookedAfter(CITY, "2023-12-31")).isEqualTo(1);
        assertThat(lookedAfter("partnership", "2023-10-01")).isEqualTo(3);

        // Late and back-dated: no longer looked after from 1 September, looked after again from 2 October.
        poll(event(CITY, status("a", "ord2", "2023-09-01", false)), event(CITY, status("a", "ord2", "2023-10-02", true)));
        assertThat(lookedAfter(CITY, "2023-09-30")).isZero();
        assertThat(lookedAfter(CITY, "2023-10-01")).isEqualTo(1);
        assertThat(lookedAfter(CITY, "2023-10-02")).isEqualTo(2);
        assertThat(lookedAfter(CITY, "2023-12-31")).isEqualTo(1);
        // A snapshot with no looked-after answer changes nothing.
        poll(event(CITY, status("b", "ord1", "2023-12-01", null)));
        assertThat(lookedAfter(CITY, "2023-12-31")).isEqualTo(1);
        assertThat(count()).as("one spell per answer of yes").isEqualTo(4);
        assertSameAsFacts();
    }

    @Test
    void aReRecordedAnswerForTheSameDayWinsByArrivalAndADuplicateIsOneSpell() {
        poll(event(CITY, child("a", CITY)), event(CITY, status("a", "ord1", "2023-10-01", true)));
        assertThat(lookedAfter(CITY, "2023-10-01")).isEqualTo(1);

        // Corrected: the same order and point re-recorded for the same day says no; later by arrival, it counts.
        poll(event(CITY, status("a", "ord1", "2023-10-01", false)));
        assertThat(lookedAfter(CITY, "2023-10-01")).isZero();
        assertThat(lookedAfter(CITY, "2024-03-31")).isZero();
        // And corrected back, the same day, delivered twice in one poll and again in the next.
        IntegrationEvent again = event(CITY, status("a", "ord1", "2023-10-01", true));
        poll(again, again);
        poll(again);
        assertThat(lookedAfter(CITY, "2023-10-01")).isEqualTo(1);
        assertThat(rows()).as("the first yes covers no day (a later answer the same day); the last one is open")
                .hasSize(2);
        assertSameAsFacts();
    }

    @Test
    void withoutAnAssessmentDayAnAnswerCountsFromTheDayItWasRecordedInLondon() {
        // 23:30 UTC on 30 September is 00:30 on 1 October in London (BST).
        poll(event(CITY, child("a", CITY)),
                event(CITY, status("a", "ord1", null, true), Instant.parse("2023-09-30T23:30:00Z")));
        assertThat(lookedAfter(CITY, "2023-09-30")).isZero();
        assertThat(lookedAfter(CITY, "2023-10-01")).isEqualTo(1);
        assertSameAsFacts();
    }

    @Test
    void aChildCountsOnceRegisteredAndForTheServiceResponsibleOnTheDay() {
        // An answer recorded before the child's registration counts once the child is registered.
        poll(event(COUNTY, status("b", "ord1", "2023-06-01", true)));
        assertThat(lookedAfter(COUNTY, "2023-10-01")).isZero();
        assertThat(count()).isZero();
        poll(event(COUNTY, child("b", COUNTY)));
        assertThat(lookedAfter(COUNTY, "2023-10-01")).isEqualTo(1);

        poll(event(CITY, child("a", CITY)), event(CITY, status("a", "ord1", "2023-06-01", true)));
        poll(event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-12-01"))),
                event(COUNTY, new CaseTransferred("a", "IN", CITY, "TRANSFER", day("2023-12-01"))));
        assertThat(lookedAfter(CITY, "2023-10-01")).isEqualTo(1);
        assertThat(lookedAfter(COUNTY, "2023-10-01")).isEqualTo(1);
        assertThat(lookedAfter(CITY, "2023-12-31")).isZero();
        assertThat(lookedAfter(COUNTY, "2023-12-31")).isEqualTo(2);
        assertThat(lookedAfter("partnership", "2023-12-31")).isEqualTo(2);
        assertSameAsFacts();
    }

    @Test
    void theFigureCountsWhatItsDrillDownLists() {
        poll(event(CITY, child("a", CITY)), event(CITY, child("b", CITY)), event(CITY, child("c", CITY)),
                event(CITY, status("a", "ord1", "2023-06-01", true)), event(CITY, status("b", "ord1", "2023-06-01", true)),
                event(CITY, status("b", "ord1", "2024-02-01", false)), event(CITY, status("c", "ord1", "2024-04-05", true)));
        FigureQuery query = new FigureQuery(CITY, ReportingPeriod.named("FY2023-24"), null, null);
        var listed = calculator.evaluate(measures.named("looked-after-known"), query);
        assertThat(listed.counted()).extracting(Counted::childId).containsExactly("a");
        assertThat(calculator.compute(measures.named("looked-after-known"), query).numerator()).isEqualTo(1);
    }

    @Test
    void aResetEmptiesTheSpellsAndDerivingThemOnceGivesTheRowsPollsLeft() {
        poll(event(CITY, child("a", CITY)), event(COUNTY, child("b", COUNTY)),
                event(CITY, status("a", "ord1", "2023-06-01", true)), event(COUNTY, status("b", "ord1", "2023-06-01", true)));
        poll(event(CITY, status("a", "ord1", "2023-09-30", false)), event(CITY, status("a", "ord2", "2023-10-02", true)),
                event(COUNTY, status("b", "ord1", "2023-06-01", false)), event(COUNTY, status("c", "ord1", "2023-07-31", true)));
        poll(event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-12-01"))),
                event(COUNTY, child("c", COUNTY)));
        List<String> spells = rows();
        assertThat(spells).hasSize(4);

        reset.clear();
        assertThat(count()).isZero();

        // As a rebuild replays: polls leave the table alone, one derivation at the end.
        precomputed.defer();
        try {
            polls.replay();
            assertThat(count()).isZero();
            // Meanwhile figures as they stand now read the facts replayed so far.
            assertSameAsFacts();
        } finally {
            precomputed.refreshAll();
        }
        assertThat(rows()).isEqualTo(spells);

        // And a replay refreshed per poll gives them too.
        reset.clear();
        polls.replay();
        assertThat(rows()).isEqualTo(spells);
        assertSameAsFacts();
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Now (precomputed) and as of a cut after everything (the facts) agree, the count with the list. */
    private void assertSameAsFacts() {
        for (String service : SERVICES) {
            for (LocalDate day : DAYS) {
                List<Counted> listed = cases.lookedAfterOn(service, day, AFTER_EVERYTHING);
                assertThat(cases.lookedAfterOn(service, day, null)).as("looked after %s %s", service, day)
                        .isEqualTo(listed);
                assertThat(cases.lookedAfterCount(service, day, null)).as("looked-after count %s %s", service, day)
                        .isEqualTo(listed.size());
                assertThat(cases.lookedAfterCount(service, day, AFTER_EVERYTHING)).isEqualTo(listed.size());
            }
        }
    }

    private long lookedAfter(String service, String day) {
        return cases.lookedAfterCount(service, day(day), null);
    }

    private List<String> rows() {
        return jdbc.sql("SELECT (to_jsonb(t) - 'event_id')::text FROM kpi_looked_after_spell t "
                + "ORDER BY child_id, looked_after_from, looked_after_until").query(String.class).list();
    }

    private int count() {
        return jdbc.sql("SELECT count(*) FROM kpi_looked_after_spell").query(Integer.class).single();
    }

    private void poll(IntegrationEvent... events) {
        polls.poll(events);
    }

    /** A START snapshot assessed on the day (null: none) answering looked after (null: no wider-services answer). */
    private static StatusRecorded status(String child, String order, String assessedOn, Boolean lookedAfter) {
        return new StatusRecorded(child, order, "START", assessedOn == null ? null : day(assessedOn),
                new StatusRecorded.Accommodation(true, "FAMILY_HOME"), new StatusRecorded.Ete(true, 25, 20, "SCHOOL", true),
                new StatusRecorded.Send(false, false), new StatusRecorded.Need(false, false, false),
                new StatusRecorded.Need(false, false, false),
                lookedAfter == null ? null : new StatusRecorded.WiderServices(lookedAfter, false, false, false));
    }
}
