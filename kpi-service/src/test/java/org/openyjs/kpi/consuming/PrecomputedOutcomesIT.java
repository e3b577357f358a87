package org.openyjs.kpi.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.HomeVisitRecorded;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.PreSentenceReportSubmitted;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.kpi.measure.Counts;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.kpi.readmodel.OutcomeFacts;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.kpi.rules.RuleBook;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.openyjs.kpi.consuming.Polls.at;
import static org.openyjs.kpi.consuming.Polls.child;
import static org.openyjs.kpi.consuming.Polls.day;
import static org.openyjs.kpi.consuming.Polls.event;
import static org.openyjs.kpi.consuming.Polls.outcome;

/**
 * The precomputed outcome tables (V10: kpi_effective_outcome, kpi_first_entry) from event sequences: each must
 * hold what the facts say now however the events fall into polls, and the figures read from them must be the
 * figures the facts give (the as-of path, which still reads the facts, is the oracle).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class PrecomputedOutcomesIT {

    /** The eight tables derived from the facts (V10-V18). */
    private static final List<String> PRECOMPUTED = List.of("kpi_effective_outcome", "kpi_first_entry",
            "kpi_case_closed", "kpi_ended_order", "kpi_effective_victim_contact", "kpi_looked_after_spell",
            "kpi_reoffending_index", "kpi_reoffence");

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    private static final String FTE = "first-time-entrants";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_precomputed");
    }

    @Autowired
    IntegrationEventListener listener;
    @Autowired
    ReadModelReset reset;
    @Autowired
    OutcomeFacts outcomes;
    @Autowired
    RuleBook rules;
    @Autowired
    MeasureCalculator calculator;
    @Autowired
    Measures measures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PrecomputedOutcomes precomputed;
    @Autowired
    MeterRegistry meters;

    private Polls polls;

    @BeforeEach
    void emptyReadModel() {
        polls = new Polls(listener);
        reset.clear();
    }

    @AfterEach
    void restoreRules() {
        jdbc.sql("DELETE FROM counting_rule WHERE measure = 'first-time-entrants' AND version > 1").update();
    }

    @Test
    void aBackDatedEarlierOutcomeReplacesTheFirstEntry() {
        poll(event(CITY, child("a", CITY)));
        IntegrationEvent september = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-09-01"));
        poll(september);
        assertThat(firstEntry("a")).containsExactly(tuple(september.eventId(), "YOUTH_CAUTION", day("2023-09-01")));

        IntegrationEvent may = event(CITY, outcome("a", "o2", "FINE", "2023-05-01"));
        poll(may);

        assertThat(firstEntry("a")).containsExactly(tuple(may.eventId(), "FINE", day("2023-05-01")));
        // An outcome with a code the rule does not count is no entry, however early.
        poll(event(CITY, outcome("a", "o3", "NO_FURTHER_ACTION", "2023-01-01")));
        assertThat(firstEntry("a")).containsExactly(tuple(may.eventId(), "FINE", day("2023-05-01")));
        assertThat(count("kpi_effective_outcome")).isEqualTo(3);
        assertSameAsFacts();
    }

    @Test
    void aCorrectedFirstOutcomeMovesTheFirstEntryAcrossPolls() {
        poll(event(CITY, child("a", CITY)));
        IntegrationEvent first = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-05-01"));
        IntegrationEvent second = event(CITY, outcome("a", "o2", "YOUTH_CAUTION", "2023-10-01"));
        poll(first, second);
        assertThat(firstEntry("a")).containsExactly(tuple(first.eventId(), "YOUTH_CAUTION", day("2023-05-01")));

        // Corrected to an outcome the rule does not count: the later caution is the first entry now.
        IntegrationEvent correction = event(CITY, correction("a", "o1", first.eventId(), "NO_FURTHER_ACTION", "2023-05-01"));
        poll(correction);
        assertThat(firstEntry("a")).containsExactly(tuple(second.eventId(), "YOUTH_CAUTION", day("2023-10-01")));
        assertThat(effective(first.eventId())).containsExactly(tuple(correction.eventId(), "NO_FURTHER_ACTION",
                day("2023-05-01")));

        // A correction of the correction back to a caution, dated later than the second: that one stays first.
        IntegrationEvent again = event(CITY, correction("a", "o1", correction.eventId(), "YOUTH_CAUTION", "2023-12-01"));
        poll(again);
        assertThat(firstEntry("a")).containsExactly(tuple(second.eventId(), "YOUTH_CAUTION", day("2023-10-01")));
        assertThat(effective(first.eventId())).containsExactly(tuple(again.eventId(), "YOUTH_CAUTION", day("2023-12-01")));
        assertSameAsFacts();
    }

    @Test
    void aCorrectionInTheSamePollAsItsOutcomeCountsWhicheverArrivesFirst() {
        IntegrationEvent first = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-05-01"));
        IntegrationEvent second = event(CITY, outcome("a", "o2", "REFERRAL_ORDER", "2023-11-01"));
        IntegrationEvent correction = event(CITY, correction("a", "o1", first.eventId(), "NO_FURTHER_ACTION", "2023-05-01"));
        poll(event(CITY, child("a", CITY)), first, correction, second);
        assertThat(firstEntry("a")).containsExactly(tuple(second.eventId(), "REFERRAL_ORDER", day("2023-11-01")));
        assertSameAsFacts();

        reset.clear();
        // The correction before the outcome it corrects (a replay from another partition's position).
        poll(event(CITY, child("a", CITY)), correction, second, first);
        assertThat(firstEntry("a")).containsExactly(tuple(second.eventId(), "REFERRAL_ORDER", day("2023-11-01")));
        assertThat(effective(first.eventId())).containsExactly(tuple(correction.eventId(), "NO_FURTHER_ACTION",
                day("2023-05-01")));
        assertSameAsFacts();
    }

    @Test
    void theRegistrationMayArriveAfterTheOutcomes() {
        IntegrationEvent caution = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-06-01"));
        poll(caution);
        assertThat(firstEntry("a")).as("no registered child: not counted by any figure yet").isEmpty();

        poll(event(CITY, child("a", CITY)));

        assertThat(firstEntry("a")).containsExactly(tuple(caution.eventId(), "YOUTH_CAUTION", day("2023-06-01")));
        assertThat(fte(CITY)).isEqualTo(1);
        assertSameAsFacts();
    }

    @Test
    void aTransferredChildEntersOnceForTheServiceResponsibleOnTheDay() {
        poll(event(CITY, child("a", CITY)), event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-09-01")));
        assertThat(jdbc.sql("SELECT transferred FROM kpi_first_entry WHERE child_id = 'a'").query(Boolean.class).single())
                .isFalse();
        assertThat(fte(CITY)).isEqualTo(1);
        assertThat(fte(COUNTY)).isZero();

        // Transferred to the county in June, before the first entry: the county counts it.
        poll(event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-06-01"))),
                event(COUNTY, new CaseTransferred("a", "IN", CITY, "TRANSFER", day("2023-06-01"))));

        assertThat(jdbc.sql("SELECT transferred FROM kpi_first_entry WHERE child_id = 'a'").query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("SELECT DISTINCT transferred FROM kpi_effective_outcome WHERE child_id = 'a'")
                .query(Boolean.class).list()).containsExactly(true);
        assertThat(fte(CITY)).isZero();
        assertThat(fte(COUNTY)).isEqualTo(1);
        assertThat(fte("partnership")).isEqualTo(1);
        assertSameAsFacts();
    }

    @Test
    void aDuplicateIsOneOutcome() {
        IntegrationEvent caution = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-06-01"));
        poll(event(CITY, child("a", CITY)), caution, caution);
        poll(caution);

        assertThat(count("kpi_effective_outcome")).isEqualTo(1);
        assertThat(firstEntry("a")).containsExactly(tuple(caution.eventId(), "YOUTH_CAUTION", day("2023-06-01")));
        assertThat(fte(CITY)).isEqualTo(1);
        assertSameAsFacts();
    }

    @Test
    void theOffenceDateIsTheEarliestRecordedWhicheverArrivesFirst() {
        IntegrationEvent caution = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-06-01"));
        poll(event(CITY, child("a", CITY)), caution);
        assertThat(offenceDate(caution.eventId())).isNull();

        poll(event(CITY, new OffenceRecorded("a", "o1", day("2023-04-20"), "THEFT_AND_HANDLING", 2, true)));
        assertThat(offenceDate(caution.eventId())).isEqualTo(day("2023-04-20"));

        poll(event(CITY, new OffenceRecorded("a", "o1", day("2023-03-02"), "THEFT_AND_HANDLING", 2, true)),
                event(CITY, new OffenceRecorded("a", "o2", day("2023-01-01"), "THEFT_AND_HANDLING", 2, true)));
        assertThat(offenceDate(caution.eventId())).as("the earliest of o1's, not o2's").isEqualTo(day("2023-03-02"));
    }

    @Test
    void theOffenceAsLastRecordedDecidesSeriousViolence() {
        IntegrationEvent robbery = event(CITY, outcome("a", "o1", "REFERRAL_ORDER", "2023-06-01"), at("2023-06-01"));
        poll(event(CITY, child("a", CITY), at("2023-05-01")), robbery,
                event(CITY, new OffenceRecorded("a", "o1", day("2023-04-20"), "ROBBERY", 6, true), at("2023-05-01")));
        assertThat(offence(robbery.eventId())).containsExactly(tuple("ROBBERY", 6));
        assertThat(seriousViolence(CITY)).isEqualTo(1);

        // Re-recorded later as theft, gravity 3: no longer serious violence.
        poll(event(CITY, new OffenceRecorded("a", "o1", day("2023-04-20"), "THEFT_AND_HANDLING", 3, true),
                at("2023-07-01")));
        assertThat(offence(robbery.eventId())).containsExactly(tuple("THEFT_AND_HANDLING", 3));
        assertThat(seriousViolence(CITY)).isZero();

        // A record that arrives late but was recorded earlier does not replace the later one.
        poll(event(CITY, new OffenceRecorded("a", "o1", day("2023-04-20"), "ROBBERY", 7, true), at("2023-06-01")));
        assertThat(offence(robbery.eventId())).containsExactly(tuple("THEFT_AND_HANDLING", 3));
        assertThat(seriousViolence(CITY)).isZero();
        assertThat(seriousViolence(CITY)).isEqualTo(seriousViolenceAsOf(CITY, LocalDate.now()));
        assertThat(seriousViolenceAsOf(CITY, LocalDate.of(2023, 6, 15))).as("as it stood: the robbery of 1 June")
                .isEqualTo(1);
    }

    @Test
    void aRuleVersionAddedLaterGetsItsFirstEntries() {
        IntegrationEvent fine = event(CITY, outcome("a", "o1", "FINE", "2023-05-01"));
        IntegrationEvent caution = event(CITY, outcome("a", "o2", "YOUTH_CAUTION", "2023-08-01"));
        poll(event(CITY, child("a", CITY)), fine, caution);

        // A hypothetical v2 that no longer counts fines, added after the facts were stored.
        jdbc.sql("""
                INSERT INTO counting_rule (measure, version, title, effective_from, outcome_codes, min_age, max_age, definition)
                SELECT measure, 2, title, DATE '2024-04-01', array_remove(outcome_codes, 'FINE'), min_age, max_age, 'v1 without fines'
                FROM counting_rule WHERE measure = 'first-time-entrants' AND version = 1
                """).update();

        assertThat(jdbc.sql("SELECT version, event_id FROM kpi_first_entry WHERE child_id = 'a' ORDER BY version")
                .query((rs, n) -> tuple(rs.getInt(1), rs.getString(2))).list())
                .containsExactly(tuple(1, fine.eventId()), tuple(2, caution.eventId()));
        assertThat(calculator.compute(measures.named(FTE),
                new FigureQuery(CITY, ReportingPeriod.named("FY2023-24"), 2, null)).numerator()).isEqualTo(1);
    }

    @Test
    void aRebuildEmptiesTheTablesAndTheReplayGivesTheSameRows() {
        IntegrationEvent first = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-09-01"));
        poll(event(CITY, child("a", CITY)), event(COUNTY, child("b", COUNTY)), first);
        poll(event(CITY, outcome("a", "o2", "FINE", "2023-05-01")),
                event(COUNTY, outcome("b", "o1", "REFERRAL_ORDER", "2023-07-01")));
        poll(event(CITY, correction("a", "o1", first.eventId(), "FINE", "2023-04-01")),
                event(CITY, new CaseTransferred("a", "OUT", COUNTY, "TRANSFER", day("2023-10-01"))),
                event(CITY, new OffenceRecorded("a", "o2", day("2023-03-01"), "THEFT_AND_HANDLING", 2, true)));
        List<String> effective = rows("kpi_effective_outcome", "outcome_event_id");
        List<String> firstEntries = rows("kpi_first_entry", "measure, version, child_id");
        assertThat(effective).hasSize(3);
        assertThat(firstEntries).hasSize(2);

        reset.clear();
        assertThat(count("kpi_effective_outcome")).isZero();
        assertThat(count("kpi_first_entry")).isZero();

        polls.replay();
        assertThat(rows("kpi_effective_outcome", "outcome_event_id")).isEqualTo(effective);
        assertThat(rows("kpi_first_entry", "measure, version, child_id")).isEqualTo(firstEntries);
        assertSameAsFacts();
    }

    /**
     * A service stopped while a rebuild replayed: the facts are back, the precomputed tables were deferred to the
     * replay's end and are empty, and the deferral (in memory) is gone. What runs at the next start (before the
     * consumer) must find them incomplete and derive them, to exactly what live consumption left, and a start
     * after that must find them complete and derive nothing.
     */
    @Test
    void aServiceStoppedMidRebuildDerivesWhatTheReplayLeftAtItsNextStart() {
        pollAHistoryFillingEveryPrecomputedTable();
        Map<String, List<String>> live = new LinkedHashMap<>();
        for (String table : PRECOMPUTED) {
            live.put(table, rowsWithoutArrival(table));
        }
        assertThat(live).allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());

        // The rebuild: emptied, deferred, replayed; the service stops before the replay's end derives anything.
        reset.clear();
        precomputed.defer();
        polls.replay();
        assertThat(PRECOMPUTED).allSatisfy(table -> assertThat(count(table)).as(table).isZero());

        // The next start.
        double derivedBefore = derivations();
        precomputed.refreshIfIncomplete();
        assertThat(derivations() - derivedBefore).as("found incomplete: derived once").isEqualTo(1.0);
        for (String table : PRECOMPUTED) {
            assertThat(rowsWithoutArrival(table)).as(table).isEqualTo(live.get(table));
        }
        precomputed.refreshIfIncomplete();
        assertThat(derivations() - derivedBefore).as("the start after that finds them complete").isEqualTo(1.0);
        assertSameAsFacts();
    }

    /**
     * Autovacuum may analyze the precomputed tables while a replay leaves them empty; the derivation at its end then
     * fills them in its own transaction, which autovacuum cannot see. Each step that reads a table an earlier step
     * filled must be planned with that table's rows, not with "empty": the first entries, planned from an effective
     * outcomes table taken for one row, ran a nested loop over every child per outcome (over 9 minutes at a million
     * events). The derivation analyzes what it filled, so every table's statistics count its rows once it commits.
     */
    @Test
    void theDerivationOverEveryChildLeavesStatisticsOfTheRowsItWrote() {
        pollAHistoryFillingEveryPrecomputedTable();
        reset.clear();
        precomputed.defer();
        polls.replay();
        // As autovacuum may during the replay: statistics that say every precomputed table is empty.
        jdbc.sql("ANALYZE " + String.join(", ", PRECOMPUTED)).update();
        assertThat(PRECOMPUTED).allSatisfy(table -> assertThat(estimatedRows(table)).as(table).isZero());

        precomputed.refreshAll();

        assertThat(PRECOMPUTED).allSatisfy(table -> assertThat(estimatedRows(table)).as(table)
                .isPositive().isEqualTo(count(table)));
    }

    /**
     * Each measure that counts its figure in SQL counts what its listed selection has, numerator and denominator, now
     * (precomputed), as of cuts between the records and while a rebuild defers the precomputed tables, on facts at the
     * rules' edges: ages on the day a child turns 10 or 18 (and a 29 February birthday in a year without one),
     * a transfer, corrections that move an outcome out of the codes and across a period's end, records back-dated
     * after the cut, visits and reports around their deadlines and looked-after answers around the period's end.
     */
    @Test
    void figuresCountedInSqlCountTheirListedSelections() {
        poll(event(CITY, child("ten", CITY, "2013-09-01")), event(CITY, child("nine", CITY, "2013-09-02")),
                event(CITY, child("seventeen", CITY, "2005-09-02")), event(CITY, child("eighteen", CITY, "2005-09-01")),
                event(CITY, child("leap", CITY, "2012-02-29")), event(CITY, child("moved", CITY, "2008-03-10")),
                event(COUNTY, child("county", COUNTY, "2008-03-10")));
        for (String c : List.of("ten", "nine", "seventeen", "eighteen")) {
            poll(event(CITY, outcome(c, c + "-1", "YOUTH_REHABILITATION_ORDER", "2023-09-01")),
                    event(CITY, new OffenceRecorded(c, c + "-1", day("2023-08-01"), "VIOLENCE_AGAINST_THE_PERSON", 5,
                            true)));
        }
        poll(event(CITY, outcome("leap", "leap-1", "YOUTH_CAUTION", "2022-02-28")),
                event(CITY, outcome("leap", "leap-2", "FINE", "2022-03-01")));
        // A transfer on 1 October 2023: the city counts the child before it, the county after.
        poll(event(CITY, outcome("moved", "m1", "DETENTION_AND_TRAINING_ORDER", "2023-09-15")),
                event(CITY, new OffenceRecorded("moved", "m1", day("2023-09-01"), "ROBBERY", 6, true)),
                event(CITY, new CaseTransferred("moved", "OUT", COUNTY, "TRANSFER", day("2023-10-01"))),
                event(COUNTY, outcome("moved", "m2", "REFERRAL_ORDER", "2023-11-01")),
                event(COUNTY, new OffenceRecorded("moved", "m2", day("2023-10-20"), "ROBBERY", 6, true)));
        // Corrections: a caution that becomes a community resolution in June 2024, and a sentence moved from March
        // into April 2023 (across the financial years' end).
        IntegrationEvent caution = event(COUNTY, outcome("county", "c1", "YOUTH_CAUTION", "2023-05-01"));
        IntegrationEvent march = event(COUNTY, outcome("county", "c2", "SECTION_250_DETENTION", "2023-03-15"));
        poll(caution, march);
        poll(event(COUNTY, correction("county", "c1", caution.eventId(), "COMMUNITY_RESOLUTION", "2023-05-01"),
                        at("2024-06-10")),
                event(COUNTY, correction("county", "c2", march.eventId(), "SECTION_250_DETENTION", "2023-04-15"),
                        at("2023-12-01")));
        // Recorded in July 2024, back-dated to 2022: seventeen's first entry from then on, not as of June.
        poll(event(CITY, outcome("seventeen", "seventeen-0", "FINE", "2022-06-01"), at("2024-07-01")));
        // Home visits on the outcome day, the next day (in time), two days later (late) and one recorded late.
        poll(event(CITY, new HomeVisitRecorded("ten", "ten-1", Instant.parse("2023-09-01T08:00:00Z"))),
                event(CITY, new HomeVisitRecorded("nine", "nine-1", Instant.parse("2023-09-02T22:30:00Z"))),
                event(CITY, new HomeVisitRecorded("seventeen", "seventeen-1", Instant.parse("2023-09-03T12:00:00Z"))),
                event(CITY, new HomeVisitRecorded("eighteen", "eighteen-1", Instant.parse("2023-09-01T12:00:00Z")),
                        at("2024-07-01")));
        // Reports: congruent, proposing another outcome, submitted after the sentence, congruent but recorded late.
        poll(event(CITY, psr("ten", "ten-1", "2023-08-20", "YOUTH_REHABILITATION_ORDER")),
                event(CITY, psr("nine", "nine-1", "2023-08-20", "REFERRAL_ORDER")),
                event(CITY, psr("seventeen", "seventeen-1", "2023-09-02", "YOUTH_REHABILITATION_ORDER")),
                event(CITY, psr("eighteen", "eighteen-1", "2023-08-20", "YOUTH_REHABILITATION_ORDER"), at("2024-07-01")));
        // Looked after: yes on the period's last day, yes only the day after it, yes then no, yes recorded late.
        poll(event(CITY, lookedAfter("ten", "2024-03-31", true)), event(CITY, lookedAfter("nine", "2024-04-01", true)),
                event(CITY, lookedAfter("seventeen", "2023-06-01", true)),
                event(CITY, lookedAfter("seventeen", "2024-01-01", false)),
                event(CITY, lookedAfter("moved", "2023-06-01", true)),
                event(COUNTY, lookedAfter("county", "2023-06-01", true), at("2024-07-01")));

        List<Instant> cuts = java.util.Arrays.asList(null, at("2023-12-31"), at("2024-06-30"),
                Instant.parse("2100-01-01T00:00:00Z"));
        for (String name : List.of(FTE, "custody", "oocd-outcome-mix", "home-visit-after-court", "psr-congruence",
                "yjb-kpi-9-serious-violence", "looked-after-known")) {
            Measure measure = measures.named(name);
            for (String service : List.of(CITY, COUNTY, "partnership")) {
                for (String period : List.of("FY2021-22", "FY2022-23", "FY2023-24")) {
                    ReportingPeriod p = ReportingPeriod.named(period);
                    if (rules.all().stream().noneMatch(r -> r.measure().equals(measure.ruleName())
                            && r.inForceOn(p.to()))) {
                        continue; // serious violence is counted from 2023-24
                    }
                    CountingRule rule = rules.resolve(measure.ruleName(), null, p.to());
                    for (Instant cut : cuts) {
                        assertThat(measure.counts(service, p, rule, cut))
                                .as("%s %s %s as of %s", name, service, period, cut)
                                .isEqualTo(Counts.of(measure.selection(service, p, rule, cut)));
                    }
                    precomputed.defer();
                    try {
                        assertThat(measure.counts(service, p, rule, null))
                                .as("%s %s %s while deferred", name, service, period)
                                .isEqualTo(Counts.of(measure.selection(service, p, rule, null)));
                    } finally {
                        precomputed.refreshAll();
                    }
                }
            }
        }
        // Not vacuous: the edges above are in the figures.
        ReportingPeriod fy2324 = ReportingPeriod.named("FY2023-24");
        assertThat(counts(FTE, CITY, fy2324, null).numerator()).as("ten and moved; not nine (9), eighteen (18)")
                .isEqualTo(2);
        assertThat(counts(FTE, CITY, fy2324, at("2024-06-30")).numerator()).as("seventeen too before its 2022 fine")
                .isEqualTo(3);
        assertThat(counts(FTE, CITY, ReportingPeriod.named("FY2021-22"), null).numerator())
                .as("leap: 9 on 28 February 2022").isZero();
        assertThat(counts("custody", COUNTY, fy2324, null).numerator()).as("the March sentence moved to April")
                .isEqualTo(1);
        assertThat(counts("home-visit-after-court", CITY, fy2324, null)).as("ten, nine, eighteen of five").isEqualTo(
                new Counts(3, 5L, "court outcomes starting supervision in the period", null));
        assertThat(counts("home-visit-after-court", CITY, fy2324, at("2024-06-30")).numerator())
                .as("eighteen's visit recorded later").isEqualTo(2);
        assertThat(counts("psr-congruence", CITY, fy2324, null)).as("ten and eighteen of those three").isEqualTo(
                new Counts(2, 3L, "sentences in the period with a pre-sentence report", null));
        assertThat(counts("yjb-kpi-9-serious-violence", "partnership", fy2324, null).numerator())
                .as("ten, seventeen, moved (once)").isEqualTo(3);
        assertThat(counts("looked-after-known", CITY, fy2324, null).numerator()).as("ten").isEqualTo(1);
        assertThat(counts("looked-after-known", COUNTY, fy2324, null).numerator())
                .as("county (moved left the city; the county recorded no transfer in)").isEqualTo(1);
        assertThat(counts("looked-after-known", COUNTY, fy2324, at("2024-06-30")).numerator())
                .as("county's answer recorded later").isZero();
    }

    private Counts counts(String measure, String service, ReportingPeriod period, Instant cut) {
        Measure m = measures.named(measure);
        return m.counts(service, period, rules.resolve(m.ruleName(), null, period.to()), cut);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** The figures' first-time entrants as now (precomputed) and as of a cut after everything (the facts) agree. */
    private void assertSameAsFacts() {
        var rule = rules.resolve(FTE, null, LocalDate.of(2024, 3, 31));
        Instant afterEverything = Instant.parse("2100-01-01T00:00:00Z");
        for (String service : List.of(CITY, COUNTY, "partnership")) {
            for (String period : List.of("FY2022-23", "FY2023-24")) {
                ReportingPeriod p = ReportingPeriod.named(period);
                assertThat(outcomes.firstEntries(service, rule, p.from(), p.to(), null))
                        .as("first entries %s %s", service, period)
                        .isEqualTo(outcomes.firstOutcomes(service, rule.outcomeCodes(), p.from(), p.to(), afterEverything));
                assertThat(outcomes.outcomes(service, rule.outcomeCodes(), p.from(), p.to(), null))
                        .as("outcomes %s %s", service, period)
                        .isEqualTo(outcomes.outcomes(service, rule.outcomeCodes(), p.from(), p.to(), afterEverything));
            }
        }
    }

    private long fte(String service) {
        return calculator.compute(measures.named(FTE), new FigureQuery(service, ReportingPeriod.named("FY2023-24"),
                null, null)).numerator();
    }

    private List<org.assertj.core.groups.Tuple> firstEntry(String child) {
        return jdbc.sql("SELECT event_id, outcome_code, outcome_date FROM kpi_first_entry WHERE child_id = ? AND version = 1")
                .param(child)
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class))).list();
    }

    private List<org.assertj.core.groups.Tuple> effective(String outcomeEventId) {
        return jdbc.sql("SELECT event_id, outcome_code, outcome_date FROM kpi_effective_outcome WHERE outcome_event_id = ?")
                .param(outcomeEventId)
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class))).list();
    }

    private List<org.assertj.core.groups.Tuple> offence(String outcomeEventId) {
        return jdbc.sql("SELECT offence_category, gravity_score FROM kpi_effective_outcome WHERE outcome_event_id = ?")
                .param(outcomeEventId).query((rs, n) -> tuple(rs.getString(1), rs.getInt(2))).list();
    }

    private long seriousViolence(String service) {
        return seriousViolenceAsOf(service, null);
    }

    private long seriousViolenceAsOf(String service, LocalDate asOf) {
        return calculator.compute(measures.named("yjb-kpi-9-serious-violence"),
                new FigureQuery(service, ReportingPeriod.named("FY2023-24"), null, asOf)).numerator();
    }

    private LocalDate offenceDate(String outcomeEventId) {
        return jdbc.sql("SELECT offence_date FROM kpi_effective_outcome WHERE outcome_event_id = ?")
                .param(outcomeEventId).query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, LocalDate.class)))
                .single().orElse(null);
    }

    private List<String> rows(String table, String order) {
        return jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY " + order).query(String.class).list();
    }

    private double derivations() {
        return meters.get("kpi.precomputed.derivations").counter().count();
    }

    /** A table's rows, but for the arrival number (seq) a replay gives anew. */
    private List<String> rowsWithoutArrival(String table) {
        return jdbc.sql("SELECT (to_jsonb(t) - 'seq')::text AS r FROM " + table + " t ORDER BY r").query(String.class)
                .list();
    }

    /** Children a and b with outcomes (one corrected), offences, a closure, an ended order, a victim contact, looked after. */
    private void pollAHistoryFillingEveryPrecomputedTable() {
        IntegrationEvent first = event(CITY, outcome("a", "o1", "YOUTH_CAUTION", "2023-09-01"));
        poll(event(CITY, child("a", CITY)), event(COUNTY, child("b", COUNTY)), first,
                event(CITY, new OffenceRecorded("a", "o1", day("2023-08-01"), "ROBBERY", 6, true)));
        poll(event(CITY, outcome("a", "o2", "FINE", "2023-11-01")),
                event(CITY, new OffenceRecorded("a", "o2", day("2023-10-01"), "THEFT_AND_HANDLING", 2, true)),
                event(COUNTY, outcome("b", "o1", "REFERRAL_ORDER", "2023-07-01")),
                event(CITY, correction("a", "o1", first.eventId(), "FINE", "2023-08-15")),
                event(CITY, new CaseClosed("a", day("2024-01-10"), "ORDER_COMPLETED")),
                event(COUNTY, new OrderEnded("b", "ro-1", "REFERRAL_ORDER", "COMMUNITY", day("2024-01-31"), "COMPLETED")),
                event(COUNTY, new VictimContactRecorded("b", "o1", "victim-1", day("2023-07-20"), "VIEWS_GIVEN", true,
                        true, null, null, null)),
                event(COUNTY, lookedAfter("b", "2023-06-01", true)));
    }

    /** The planner's row count of a table (pg_class.reltuples; -1 before any ANALYZE). */
    private long estimatedRows(String table) {
        return jdbc.sql("SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass").param(table)
                .query(Long.class).single();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    private void poll(IntegrationEvent... events) {
        polls.poll(events);
    }

    private static PreSentenceReportSubmitted psr(String child, String offence, String submitted, String proposed) {
        return new PreSentenceReportSubmitted(child, offence, day(submitted).minusDays(14), day(submitted), proposed, true);
    }

    private static StatusRecorded lookedAfter(String child, String assessed, boolean lookedAfter) {
        return new StatusRecorded(child, "order-" + child, "REVIEW", day(assessed), null, null, null, null, null,
                new StatusRecorded.WiderServices(lookedAfter, false, false, false));
    }

    private static OutcomeCorrected correction(String child, String offence, String corrects, String code, String day) {
        return new OutcomeCorrected(child, offence, corrects, code, day(day));
    }
}
