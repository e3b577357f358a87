package org.openyjs.kpi.consuming;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.ReleasedFromCustody;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.kpi.reoffending.ReoffendingCohort;
import org.openyjs.kpi.reoffending.ReoffendingCohort.Cohort;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.kpi.rules.RuleBook;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openyjs.kpi.consuming.Polls.child;
import static org.openyjs.kpi.consuming.Polls.day;
import static org.openyjs.kpi.consuming.Polls.event;
import static org.openyjs.kpi.consuming.Polls.outcome;

/**
 * The reoffending cohort state (V14 kpi_reoffending_index, kpi_reoffence: each child's candidate indexes with their
 * reoffences) from event sequences. A cohort now must be the cohort the facts give (the as-of path, which still reads
 * them, is the oracle) however the events fall into polls, delivered twice, corrected or back-dated; the figure's
 * counts must be its drill-down's; a reset empties the tables and deriving them once (a rebuild's end) gives the rows
 * polls left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class PrecomputedReoffendingIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    private static final Instant AFTER_EVERYTHING = Instant.parse("2100-01-01T00:00:00Z");
    private static final List<String> SERVICES = List.of(CITY, COUNTY, "partnership");
    /** Under v1 (to March 2023) and v2 (releases from custody are indexes too). */
    private static final List<String> PERIODS = List.of("FY2022-23", "FY2023-24");
    private static final List<String> MEASURES = List.of("reoffending-binary", "reoffending-frequency",
            "reoffending-per-child");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_precomputed_reoffending");
    }

    @Autowired
    IntegrationEventListener listener;
    @Autowired
    ReadModelReset reset;
    @Autowired
    ReoffendingCohort cohorts;
    @Autowired
    RuleBook rules;
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
    void aReoffenceProvenInALaterPollCountsOnceHoweverDelivered() {
        poll(event(CITY, child("a", CITY)), event(CITY, offence("a", "o1", "2023-05-01")),
                event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-06-01")));
        assertThat(now(CITY, "FY2023-24").cohort()).extracting(Counted::childId).containsExactly("a");
        assertThat(now(CITY, "FY2023-24").reoffences()).isEmpty();

        // The offence committed after the index, proven later, in another poll; delivered twice.
        IntegrationEvent offence = event(CITY, offence("a", "o2", "2023-09-01"));
        IntegrationEvent proven = event(CITY, outcome("a", "o2", "REFERRAL_ORDER", "2023-12-01"));
        poll(offence, proven);
        poll(offence, proven);
        assertThat(now(CITY, "FY2023-24").reoffenders()).extracting(Counted::childId).containsExactly("a");
        assertThat(now(CITY, "FY2023-24").reoffences()).extracting(Counted::eventId).containsExactly(proven.eventId());

        // A second outcome for the same offence is the same reoffence; an offence after the 12 months is none.
        poll(event(CITY, outcome("a", "o2", "YOUTH_REHABILITATION_ORDER", "2024-01-10")),
                event(CITY, offence("a", "o3", "2024-07-01")), event(CITY, outcome("a", "o3", "FINE", "2024-08-01")));
        assertThat(now(CITY, "FY2023-24").reoffences()).extracting(Counted::eventId).containsExactly(proven.eventId());
        assertThat(jdbc.sql("SELECT count(*) FROM kpi_reoffence WHERE version = 2").query(Integer.class).single())
                .as("per candidate index: o2 after o1's outcome, o3 after each of o2's").isEqualTo(3);
        assertSameAsFacts();
    }

    @Test
    void aCorrectedIndexAndALateBackDatedOutcomeMoveTheIndex() {
        poll(event(COUNTY, child("b", COUNTY)), event(COUNTY, offence("b", "o1", "2023-07-01")));
        IntegrationEvent index = event(COUNTY, outcome("b", "o1", "YOUTH_CAUTION", "2023-08-01"));
        poll(index, event(COUNTY, offence("b", "o2", "2023-10-01")),
                event(COUNTY, outcome("b", "o2", "REFERRAL_ORDER", "2023-11-15")));
        assertThat(now(COUNTY, "FY2023-24").cohort()).extracting(Counted::eventId).containsExactly(index.eventId());
        assertThat(now(COUNTY, "FY2023-24").reoffenders()).hasSize(1);

        // Corrected to an outcome the rule does not count: the next outcome is the index, with no reoffence after it.
        IntegrationEvent correction = event(COUNTY, new OutcomeCorrected("b", "o1", index.eventId(),
                "NO_FURTHER_ACTION", day("2023-08-01")));
        poll(correction);
        assertThat(now(COUNTY, "FY2023-24").cohort()).extracting(Counted::outcomeCode).containsExactly("REFERRAL_ORDER");
        assertThat(now(COUNTY, "FY2023-24").reoffenders()).isEmpty();
        assertSameAsFacts();

        // Recorded late: an earlier outcome in the period; it becomes the index, o2 its reoffence (o1 is corrected to
        // an outcome the rule does not count).
        poll(event(COUNTY, offence("b", "o0", "2023-04-20")),
                event(COUNTY, outcome("b", "o0", "YOUTH_CONDITIONAL_CAUTION", "2023-05-02")));
        assertThat(now(COUNTY, "FY2023-24").cohort()).extracting(Counted::outcomeCode)
                .containsExactly("YOUTH_CONDITIONAL_CAUTION");
        assertThat(now(COUNTY, "FY2023-24").reoffences()).extracting(Counted::outcomeCode)
                .containsExactly("REFERRAL_ORDER");
        assertSameAsFacts();
    }

    @Test
    void aReleaseBeforeTheFirstOutcomeIsTheIndexFromV2AndTransfersDecideTheService() {
        poll(event(CITY, child("c", CITY)), event(CITY, offence("c", "o1", "2023-06-01")),
                event(CITY, outcome("c", "o1", "YOUTH_CAUTION", "2023-09-01")),
                event(CITY, offence("c", "o2", "2023-10-01")), event(CITY, outcome("c", "o2", "FINE", "2023-12-01")));
        assertThat(now(CITY, "FY2023-24").cohort()).extracting(Counted::outcomeCode).containsExactly("YOUTH_CAUTION");
        // Released on licence before that outcome (a release event alone touches the child): the release is the index.
        poll(event(CITY, new ReleasedFromCustody("c", "ord1", day("2023-05-01"), "LICENCE")));
        assertThat(now(CITY, "FY2023-24").cohort()).extracting(Counted::outcomeCode).containsExactly("LICENCE");
        assertThat(now(CITY, "FY2023-24").reoffences()).hasSize(2);
        // Under v1 (FY2022-23) releases are no index; a release in FY2022-23 changes nothing there.
        poll(event(CITY, new ReleasedFromCustody("c", "ord0", day("2023-01-10"), "LICENCE")));
        assertThat(now(CITY, "FY2022-23").cohort()).isEmpty();
        assertSameAsFacts();

        // A child of the county transferred to the city before its index: the city's cohort, not the county's.
        poll(event(COUNTY, child("d", COUNTY)), event(COUNTY, offence("d", "o1", "2023-07-01")),
                event(COUNTY, outcome("d", "o1", "REFERRAL_ORDER", "2023-08-01")));
        assertThat(now(COUNTY, "FY2023-24").cohort()).extracting(Counted::childId).containsExactly("d");
        poll(event(COUNTY, new CaseTransferred("d", "OUT", CITY, "TRANSFER", day("2023-06-01"))),
                event(CITY, new CaseTransferred("d", "IN", COUNTY, "TRANSFER", day("2023-06-01"))));
        assertThat(now(COUNTY, "FY2023-24").cohort()).isEmpty();
        assertThat(now(CITY, "FY2023-24").cohort()).extracting(Counted::childId).containsExactly("c", "d");
        assertSameAsFacts();
    }

    @Test
    void theAgeRangeCountsWholeYearsOnTheIndexDate() {
        // 9 the day before the 10th birthday, 10 on it; 17 the day before the 18th, 18 on it.
        poll(event(CITY, child("f1", CITY, "2012-06-15")), event(CITY, outcome("f1", "o1", "YOUTH_CAUTION", "2022-06-14")),
                event(CITY, child("f2", CITY, "2012-06-15")), event(CITY, outcome("f2", "o1", "YOUTH_CAUTION", "2022-06-15")),
                event(CITY, child("g1", CITY, "2005-01-20")), event(CITY, outcome("g1", "o1", "FINE", "2023-01-19")),
                event(CITY, child("g2", CITY, "2005-01-20")), event(CITY, outcome("g2", "o1", "FINE", "2023-01-20")));
        assertThat(now(CITY, "FY2022-23").cohort()).extracting(Counted::childId).containsExactly("f2", "g1");
        // Born on 29 February: 17 on 28 February 2022 (a day short of 18 whole years), 18 on 1 March.
        poll(event(CITY, child("e1", CITY, "2004-02-29")), event(CITY, outcome("e1", "o1", "YOUTH_CAUTION", "2022-02-28")),
                event(CITY, child("e2", CITY, "2004-02-29")), event(CITY, outcome("e2", "o1", "YOUTH_CAUTION", "2022-03-01")));
        ReportingPeriod earlier = ReportingPeriod.named("FY2021-22");
        CountingRule rule = rules.resolve(ReoffendingCohort.RULE, null, earlier.to());
        Cohort now = cohorts.of(CITY, earlier, rule, null);
        assertThat(now.cohort()).extracting(Counted::childId).containsExactly("e1");
        assertThat(now).isEqualTo(cohorts.of(CITY, earlier, rule, AFTER_EVERYTHING));
        assertThat(cohorts.sizes(CITY, earlier, rule, null)).isEqualTo(new ReoffendingCohort.Sizes(1, 0, 0));
        assertSameAsFacts();
    }

    @Test
    void aResetEmptiesTheTablesAndDerivingThemOnceGivesTheRowsPollsLeft() {
        poll(event(CITY, child("a", CITY)), event(COUNTY, child("b", COUNTY)),
                event(CITY, offence("a", "o1", "2022-11-01")), event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2022-12-01")));
        IntegrationEvent index = event(COUNTY, outcome("b", "o1", "REFERRAL_ORDER", "2023-06-01"));
        poll(event(CITY, offence("a", "o2", "2023-02-01")), event(CITY, outcome("a", "o2", "FINE", "2023-05-01")),
                event(COUNTY, offence("b", "o1", "2023-05-01")), index,
                event(COUNTY, new ReleasedFromCustody("b", "ord1", day("2023-05-10"), "END_OF_SENTENCE")));
        poll(event(COUNTY, new OutcomeCorrected("b", "o1", index.eventId(), "YOUTH_REHABILITATION_ORDER",
                        day("2023-06-02"))),
                event(COUNTY, offence("b", "o2", "2023-08-01")), event(COUNTY, outcome("b", "o2", "FINE", "2023-09-01")));
        List<String> indexes = rows("kpi_reoffending_index", "version, child_id, release, event_id");
        List<String> reoffences = rows("kpi_reoffence", "version, child_id, release, index_event_id, offence_key");
        assertThat(indexes).isNotEmpty();
        assertThat(reoffences).isNotEmpty();
        assertSameAsFacts();

        reset.clear();
        assertThat(count("kpi_reoffending_index")).isZero();
        assertThat(count("kpi_reoffence")).isZero();

        // As a rebuild replays: polls leave the tables alone, one derivation at the end.
        precomputed.defer();
        try {
            polls.replay();
            assertThat(count("kpi_reoffending_index")).isZero();
            // Meanwhile figures as they stand now read the facts replayed so far.
            assertSameAsFacts();
        } finally {
            precomputed.refreshAll();
        }
        assertThat(rows("kpi_reoffending_index", "version, child_id, release, event_id")).isEqualTo(indexes);
        assertThat(rows("kpi_reoffence", "version, child_id, release, index_event_id, offence_key"))
                .isEqualTo(reoffences);

        // And a replay refreshed per poll gives them too.
        reset.clear();
        polls.replay();
        assertThat(rows("kpi_reoffending_index", "version, child_id, release, event_id")).isEqualTo(indexes);
        assertThat(rows("kpi_reoffence", "version, child_id, release, index_event_id, offence_key"))
                .isEqualTo(reoffences);
        assertSameAsFacts();
    }

    // --- helpers ---------------------------------------------------------------------------------

    /**
     * Now (precomputed) and as of a cut after everything (the facts) give the same cohort, in the same order; each
     * figure's counts are its drill-down's.
     */
    private void assertSameAsFacts() {
        for (String service : SERVICES) {
            for (String period : PERIODS) {
                ReportingPeriod p = ReportingPeriod.named(period);
                CountingRule rule = rules.resolve(ReoffendingCohort.RULE, null, p.to());
                Cohort now = cohorts.of(service, p, rule, null);
                Cohort facts = cohorts.of(service, p, rule, AFTER_EVERYTHING);
                assertThat(now).as("cohort %s %s", service, period).isEqualTo(facts);
                assertThat(cohorts.sizes(service, p, rule, null)).as("sizes %s %s", service, period)
                        .isEqualTo(new ReoffendingCohort.Sizes(facts.cohort().size(), facts.reoffenders().size(),
                                facts.reoffences().size()));
                for (String measure : MEASURES) {
                    FigureQuery query = new FigureQuery(service, p, null, null);
                    var listed = calculator.evaluate(measures.named(measure), query);
                    var figure = calculator.compute(measures.named(measure), query);
                    assertThat(figure.numerator()).as("%s %s %s", measure, service, period)
                            .isEqualTo(listed.numerator());
                    assertThat(figure.denominator()).isEqualTo(listed.denominator());
                }
            }
        }
    }

    private Cohort now(String service, String period) {
        ReportingPeriod p = ReportingPeriod.named(period);
        return cohorts.of(service, p, rules.resolve(ReoffendingCohort.RULE, null, p.to()), null);
    }

    private List<String> rows(String table, String order) {
        return jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY " + order).query(String.class).list();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    private void poll(IntegrationEvent... events) {
        polls.poll(events);
    }

    private static OffenceRecorded offence(String child, String offence, String day) {
        return new OffenceRecorded(child, offence, day(day), "THEFT_AND_HANDLING", 2, true);
    }
}
