package org.openyjs.kpi.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.ArrestRecorded;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.CaseAuditRecorded;
import org.openyjs.events.cases.CaseClosed;
import org.openyjs.events.cases.CaseReopened;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.CustodyEntered;
import org.openyjs.events.cases.HomeVisitRecorded;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.PreSentenceReportSubmitted;
import org.openyjs.events.cases.PreventionReferralRecorded;
import org.openyjs.events.cases.ReleasedFromCustody;
import org.openyjs.events.cases.RemandRecorded;
import org.openyjs.events.cases.ResettlementAccommodationReferralMade;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;
import org.openyjs.kpi.board.BoardMeeting;
import org.openyjs.kpi.board.BoardMeetings;
import org.openyjs.kpi.breakdown.Breakdown;
import org.openyjs.kpi.breakdown.BreakdownCalculator;
import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.consuming.ConsumedRecords;
import org.openyjs.kpi.export.QuarterlyReturn;
import org.openyjs.kpi.measure.CountedInSql;
import org.openyjs.kpi.measure.DrillDown;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.KpiController;
import org.openyjs.kpi.measure.KpiFigure;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.Proportion;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.kpi.measure.YearOnYear;
import org.openyjs.kpi.reference.ReferenceFigure;
import org.openyjs.kpi.reference.ReferenceFigures;
import org.openyjs.kpi.rules.RuleBook;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The rest of the catalogue (issue 5) from event sequences through the dedupe and the projection into real
 * PostgreSQL: custody and resettlement, transfers and partnership figures, KPIs 8-10, the local measures,
 * looked-after and SEND breakdowns. Every expected figure is worked out by hand in the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class CatalogueIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    /** Aged 15 throughout 2023/24. */
    private static final LocalDate BORN_2008 = LocalDate.of(2008, 3, 10);
    private static final int CITY_POPULATION = 40_909;
    private static final int COUNTY_POPULATION = 71_500;
    /** Added to each rule version's number for its copy with an age range. */
    private static final int AGED = 100;
    private static final LocalDate LATE_CUT = LocalDate.of(2024, 6, 30);
    /** When events recorded after every as-of date asked were recorded. */
    private static final LocalDate RECORDED_LATE = LocalDate.of(2024, 7, 20);
    /** Ends and contacts on days ages change (29 February, 1 March) and on a year's first and last days. */
    private static final List<LocalDate> EDGES = List.of(day("2022-02-28"), day("2022-03-01"), day("2024-02-28"),
            day("2024-02-29"), day("2024-03-01"), day("2023-09-30"), day("2023-10-01"), day("2023-03-31"),
            day("2023-04-01"), day("2024-03-31"), day("2022-06-30"), day("2022-07-01"));
    private static final List<String> KINDS = List.of("PREVENTION", "OUT_OF_COURT", "COMMUNITY", "CUSTODY");
    private static final Map<String, List<String>> TYPES = Map.of(
            "PREVENTION", List.of("PREVENTION_INTERVENTION"),
            "OUT_OF_COURT", List.of("OUT_OF_COURT_INTERVENTION"),
            "COMMUNITY", List.of("REFERRAL_ORDER", "YOUTH_REHABILITATION_ORDER"),
            "CUSTODY", List.of("DETENTION_AND_TRAINING_ORDER"));
    private static final List<String> CODES = List.of("YOUTH_CAUTION", "COMMUNITY_RESOLUTION", "OUTCOME_22",
            "NO_FURTHER_ACTION", "YOUTH_CONDITIONAL_CAUTION", "REFERRAL_ORDER", "YOUTH_REHABILITATION_ORDER", "FINE",
            "DETENTION_AND_TRAINING_ORDER");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_catalogue");
    }

    @Autowired
    ReadModelProjection projection;
    @Autowired
    ConsumedRecords consumed;
    @Autowired
    ReadModelReset reset;
    @Autowired
    MeasureCalculator calculator;
    @Autowired
    Measures measures;
    @Autowired
    BreakdownCalculator breakdowns;
    @Autowired
    QuarterlyReturn quarterlyReturn;
    @Autowired
    BoardMeetings boardMeetings;
    @Autowired
    ReferenceFigures referenceFigures;
    @Autowired
    KpiController kpis;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuleBook rules;
    @Autowired
    PrecomputedOutcomes precomputed;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final AtomicLong offsets = new AtomicLong();
    private final Random random = new Random(20240229);

    @BeforeEach
    void emptyReadModel() {
        reset.clear();
        jdbc.sql("TRUNCATE board_meeting CASCADE").update();
        jdbc.sql("TRUNCATE service_reference_figure").update();
    }

    // --- consuming the new contracts -----------------------------------------------------------------

    @Test
    void everyNewContractBecomesAFactOnceHoweverOftenItIsDelivered() {
        child("n", CITY, BORN_2008, null);
        List<IntegrationEvent> events = List.of(
                event(CITY, new PreventionReferralRecorded("n", "pr-1", day("2023-05-01"), "SCHOOL", "GIVEN")),
                event(CITY, new ArrestRecorded("n", "ar-1", Instant.parse("2023-05-02T10:00:00Z"), null, true, true,
                        false, "CHARGED")),
                event(CITY, new RemandRecorded("n", "rm-1", "off-n", "YOUTH_DETENTION_ACCOMMODATION", day("2023-05-03"), null)),
                event(CITY, new CustodyEntered("n", "dto-n", "STC", day("2023-05-03"), day("2023-11-03"))),
                event(CITY, new ResettlementAccommodationReferralMade("n", "dto-n", day("2023-07-01"), day("2023-11-03"))),
                event(CITY, new ReleasedFromCustody("n", "dto-n", day("2023-11-03"), "LICENCE")),
                event(CITY, new PreSentenceReportSubmitted("n", "off-n", day("2023-05-20"), day("2023-06-01"),
                        "DETENTION_AND_TRAINING_ORDER", true)),
                event(CITY, new HomeVisitRecorded("n", "off-n", Instant.parse("2023-06-02T09:00:00Z"))),
                event(CITY, new AssessmentRecorded("n", "as-1", "off-n", "ASSETPLUS", day("2023-05-25"), null)),
                event(CITY, new CaseAuditRecorded("n", "au-1", "CASE", null, day("2023-08-01"), "GOOD")),
                event(CITY, new CaseTransferred("n", "OUT", COUNTY, "TRANSFER", day("2023-12-01"))),
                event(CITY, new CaseClosed("n", day("2024-01-05"), "TRANSFERRED")),
                event(CITY, new CaseReopened("n", day("2024-02-05"))),
                event(null, new PanelDecisionAmended("am-1", "dec-1", "panel-1", "n", "off-p", "YOUTH_CAUTION",
                        day("2023-05-20"))),
                event(null, new YouthConditionalCautionNotCompleted("dec-2", "n", "off-q", day("2023-08-01"),
                        day("2023-08-03"))));
        events.forEach(this::deliver);
        Map<String, Long> facts = factCounts();
        assertThat(facts).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        String csv = quarterlyReturn.csv(query("FY2023-24", null));

        // A redelivery (the batch again after a crash before the offset commit): each fact row, keyed by its event,
        // is there already and nothing is written; only the registration, an upsert, was claimed in processed_event.
        events.forEach(this::deliver);
        assertThat(factCounts()).isEqualTo(facts);
        assertThat(quarterlyReturn.csv(query("FY2023-24", null))).isEqualTo(csv);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event").query(Long.class).single())
                .as("the registration").isEqualTo(1);
    }

    // --- reoffending v2: releases from custody -------------------------------------------------------

    @Test
    void releasesFromCustodyJoinTheCohortFromVersion2AndVersion1StaysReproducible() {
        // a: cautioned in the quarter, no reoffence. Cohort member under both versions.
        child("a", CITY, BORN_2008, null);
        outcome("a", "a1", "YOUTH_CAUTION", day("2023-05-01"), day("2023-04-20"));
        // b: released on licence in the quarter; offence 1 June, proven by a fine 1 August (outside the quarter):
        // v1 has no index for b; v2 indexes the release and counts the fine as a reoffence.
        child("b", CITY, BORN_2008, null);
        deliver(event(CITY, new ReleasedFromCustody("b", "dto-b", day("2023-05-10"), "LICENCE")));
        outcome("b", "b1", "FINE", day("2023-08-01"), day("2023-06-01"));
        // c: only the end of a remand: never an index.
        child("c", CITY, BORN_2008, null);
        deliver(event(CITY, new ReleasedFromCustody("c", "rem-c", day("2023-05-12"), "REMAND_ENDED")));
        // d: released 20 April, offence 1 May, fined for it 15 June. v1: index is the fine (the offence came
        // before it, so no reoffence). v2: the earlier release is the index and the fine proves a reoffence.
        child("d", CITY, BORN_2008, null);
        deliver(event(CITY, new ReleasedFromCustody("d", "dto-d", day("2023-04-20"), "END_OF_SENTENCE")));
        outcome("d", "d1", "FINE", day("2023-06-15"), day("2023-05-01"));

        KpiFigure v2 = figure("reoffending-binary", "2023-24-Q1", null);
        assertThat(v2.ruleVersion()).as("in force on 30 June 2023").isEqualTo(2);
        // Cohort a, b, d = 3; reoffenders b, d = 2: 2 / 3 = 66.7%.
        assertThat(List.of(v2.numerator(), v2.denominator())).containsExactly(2L, 3L);
        assertThat(v2.rate()).isEqualTo(new BigDecimal("66.7"));
        // 2 reoffences / 2 reoffenders = 1.00; 2 reoffences / 3 children = 0.67.
        assertThat(figure("reoffending-frequency", "2023-24-Q1", null).rate()).isEqualTo(new BigDecimal("1.00"));
        assertThat(figure("reoffending-per-child", "2023-24-Q1", null).rate()).isEqualTo(new BigDecimal("0.67"));
        DrillDown drill = DrillDown.of(calculator.evaluate(measures.named("reoffending-binary"), query("2023-24-Q1", null)));
        assertThat(drill.denominatorUnits()).extracting(DrillDown.Entry::childId, DrillDown.Entry::outcomeCode)
                .containsExactly(tuple("a", "YOUTH_CAUTION"), tuple("b", "LICENCE"), tuple("d", "END_OF_SENTENCE"));

        KpiFigure v1 = calculator.compute(measures.named("reoffending-binary"), query("2023-24-Q1", 1));
        assertThat(v1.ruleVersion()).isEqualTo(1);
        // Cohort a, d = 2 (b and c have no outcome in the quarter); no reoffender: 0 / 2.
        assertThat(List.of(v1.numerator(), v1.denominator())).containsExactly(0L, 2L);
        assertThat(figure("reoffending-binary", "2022-23-Q4", null).ruleVersion())
                .as("cohorts published under v1 keep it").isEqualTo(1);
    }

    // --- YJB KPI 8: board attendance -----------------------------------------------------------------

    @Test
    void boardAttendanceIsTheShareOfExpectedStatutoryPartnerAttendancesAndPerPartner() {
        boardMeetings.record(meeting(CITY, "2023-05-10", "POLICE", "HEALTH", "EDUCATION"), "analyst");
        boardMeetings.record(meeting(CITY, "2023-09-12", "POLICE", "HEALTH", "EDUCATION", "PROBATION",
                "childrens_social_care"), "analyst");
        boardMeetings.record(meeting(CITY, "2024-04-02"), "analyst");      // next year
        boardMeetings.record(meeting(COUNTY, "2023-06-01", "POLICE"), "analyst");

        KpiFigure f = figure("yjb-kpi-8-board-attendance", "FY2023-24", null);
        // 2 meetings x 5 partners = 10 expected; 3 + 5 = 8 attended: 80.0%.
        assertThat(List.of(f.numerator(), f.denominator())).containsExactly(8L, 10L);
        assertThat(f.rate()).isEqualTo(new BigDecimal("80.0"));
        Breakdown byPartner = breakdowns.breakdown(measures.named("yjb-kpi-8-board-attendance"),
                query("FY2023-24", null), Dimension.PARTNER);
        assertThat(byPartner.groups()).containsExactly(
                new Breakdown.Group("CHILDRENS_SOCIAL_CARE", 1, 2L, new BigDecimal("50.0"), null),
                new Breakdown.Group("EDUCATION", 2, 2L, new BigDecimal("100.0"), null),
                new Breakdown.Group("HEALTH", 2, 2L, new BigDecimal("100.0"), null),
                new Breakdown.Group("POLICE", 2, 2L, new BigDecimal("100.0"), null),
                new Breakdown.Group("PROBATION", 1, 2L, new BigDecimal("50.0"), null));
        // Partnership: 15 expected, 8 + 1 = 9 attended: 60.0%.
        KpiFigure both = calculator.compute(measures.named("yjb-kpi-8-board-attendance"),
                new FigureQuery("partnership", ReportingPeriod.named("FY2023-24"), null, null));
        assertThat(List.of(both.numerator(), both.denominator())).containsExactly(9L, 15L);
        assertThat(boardMeetings.meetings(CITY, day("2023-09-12"), day("2023-09-12")).get(0).attended())
                .containsExactly("CHILDRENS_SOCIAL_CARE", "EDUCATION", "HEALTH", "POLICE", "PROBATION");

        assertRefused(() -> boardMeetings.record(meeting(CITY, "2023-10-01", "POLICE", "FIRE_SERVICE"), "analyst"),
                "attended[1]", HttpStatus.BAD_REQUEST);
        assertRefused(() -> boardMeetings.record(meeting(CITY, "2023-10-01", "POLICE", "POLICE"), "analyst"),
                "attended[1]", HttpStatus.BAD_REQUEST);
        assertRefused(() -> boardMeetings.record(meeting(CITY, "2023-05-10", "POLICE"), "analyst"),
                "heldOn", HttpStatus.CONFLICT);
        assertRefused(() -> boardMeetings.record(meeting(CITY, LocalDate.now().plusDays(2).toString()), "analyst"),
                "heldOn", HttpStatus.BAD_REQUEST);
        assertRefused(() -> boardMeetings.record(meeting("rutland", "2023-10-01"), "analyst"),
                "youthJusticeService", HttpStatus.BAD_REQUEST);
    }

    // --- YJB KPI 9: serious violence -----------------------------------------------------------------

    @Test
    void seriousViolenceCountsChildrenWithAProvenGravity5DrugsRobberyOrViolenceOffencePer10000() {
        child("s1", CITY, BORN_2008, null);
        offence("s1", "s1-a", "ROBBERY", 5);
        outcome("s1", "s1-a", "YOUTH_CAUTION", day("2023-06-01"), null);
        offence("s1", "s1-b", "DRUGS", 5);                                     // the same child again: once
        outcome("s1", "s1-b", "REFERRAL_ORDER", day("2023-07-01"), null);
        child("s2", CITY, BORN_2008, null);
        offence("s2", "s2-a", "VIOLENCE_AGAINST_THE_PERSON", 4);               // gravity too low
        outcome("s2", "s2-a", "YOUTH_REHABILITATION_ORDER", day("2023-06-01"), null);
        child("s3", CITY, BORN_2008, null);
        offence("s3", "s3-a", "BURGLARY", 5);                                  // not a serious violence category
        outcome("s3", "s3-a", "YOUTH_REHABILITATION_ORDER", day("2023-06-01"), null);
        child("s4", CITY, BORN_2008, null);
        offence("s4", "s4-a", "DRUGS", 5);                                     // not a proven outcome
        outcome("s4", "s4-a", "COMMUNITY_RESOLUTION", day("2023-06-01"), null);
        child("s5", CITY, BORN_2008, null);
        offence("s5", "s5-a", "VIOLENCE_AGAINST_THE_PERSON", 5);
        outcome("s5", "s5-a", "DETENTION_AND_TRAINING_ORDER", day("2023-10-01"), null);
        child("s6", CITY, LocalDate.of(2005, 1, 1), null);                     // 18 on the outcome date
        offence("s6", "s6-a", "ROBBERY", 5);
        outcome("s6", "s6-a", "FINE", day("2023-06-01"), null);

        KpiFigure f = figure("yjb-kpi-9-serious-violence", "FY2023-24", null);
        assertThat(f.numerator()).as("s1 and s5").isEqualTo(2);
        assertThat(f.denominator()).isEqualTo(CITY_POPULATION);
        assertThat(f.ratePer()).isEqualTo(10_000);
        // 2 x 10,000 / 40,909 = 0.489 -> 0.5
        assertThat(f.rate()).isEqualTo(new BigDecimal("0.5"));
    }

    // --- YJB KPI 10: the v2 answers ------------------------------------------------------------------

    @Test
    void victimAnswersNotRecordedAreLeftOutOfThatQuestionsDenominator() {
        child("v", CITY, BORN_2008, null);
        deliverVersion1VictimContact("v", "victim-1", day("2023-05-01"));     // upcast: all three not recorded
        victim("v", "victim-2", day("2023-06-01"), true, false, true);
        victim("v", "victim-3", day("2023-07-01"), false, null, true);
        victim("v", "victim-4", day("2023-08-01"), true, true, false);

        // Kept informed: answered by victims 2, 3, 4; yes by 2 and 4: 2 / 3 = 66.7%.
        assertThat(rate("yjb-kpi-10-victims-kept-informed")).containsExactly(2L, 3L);
        assertThat(figure("yjb-kpi-10-victims-kept-informed", "FY2023-24", null).rate()).isEqualTo(new BigDecimal("66.7"));
        // RJ participated: answered by 2 and 4 (3 left it empty); yes by 4: 1 / 2.
        assertThat(rate("yjb-kpi-10-victims-rj-participated")).containsExactly(1L, 2L);
        // Support referral: answered by 2, 3, 4; yes by 2 and 3: 2 / 3.
        assertThat(rate("yjb-kpi-10-victims-support-referral")).containsExactly(2L, 3L);
        // The v1 questions still have all four victims.
        assertThat(rate("yjb-kpi-10-victims-consented")).containsExactly(4L, 4L);
        assertThat(figure("yjb-kpi-10-victims-consented", "FY2023-24", null).ruleVersion()).isEqualTo(2);
        KpiFigure underV1 = calculator.compute(measures.named("yjb-kpi-10-victims-kept-informed"), query("FY2023-24", 1));
        assertThat(List.of(underV1.numerator(), underV1.denominator())).as("v1 did not ask").containsExactly(0L, 0L);
        assertThat(underV1.rate()).isNull();
    }

    // --- local measures ------------------------------------------------------------------------------

    @Test
    void remandsAndTheShareOfRemandedChildrenNotThenSentencedToCustody() {
        child("r", CITY, BORN_2008, null);
        // r1: remanded 1 May to 10 June, then a DTO for the offence: custody followed.
        remand("r", "r1", "o1", "2023-05-01", null);
        remand("r", "r1", "o1", "2023-05-01", "2023-06-10");
        outcome("r", "o1", "DETENTION_AND_TRAINING_ORDER", day("2023-06-10"), null);
        // r2: 1 July to 1 August, then a YRO: not custody.
        remand("r", "r2", "o2", "2023-07-01", "2023-08-01");
        outcome("r", "o2", "YOUTH_REHABILITATION_ORDER", day("2023-08-01"), null);
        // r3: began 1 September and continues: a remand, not yet ended.
        remand("r", "r3", "o3", "2023-09-01", null);
        // r4: began in the previous year, ended 20 April, section 250 detention 20 days later (within 28).
        remand("r", "r4", "o4", "2023-03-01", "2023-04-20");
        outcome("r", "o4", "SECTION_250_DETENTION", day("2023-05-10"), null);

        KpiFigure remands = figure("remands", "FY2023-24", null);
        // Began in the year: r1, r2, r3 = 3; 3 x 1,000 / 40,909 = 0.073 -> 0.07.
        assertThat(remands.numerator()).isEqualTo(3);
        assertThat(remands.rate()).isEqualTo(new BigDecimal("0.07"));
        // Ended in the year: r1, r2, r4 = 3; not then sentenced to custody: r2 = 1 / 3 = 33.3%.
        KpiFigure share = figure("remands-not-sentenced-to-custody", "FY2023-24", null);
        assertThat(List.of(share.numerator(), share.denominator())).containsExactly(1L, 3L);
        assertThat(share.rate()).isEqualTo(new BigDecimal("33.3"));
    }

    @Test
    void twoChildrensRemandsWithTheSameRemandIdAreTwoRemands() {
        // Remand ids are numbered per case; the later "r1" (a different child) must not hide the first.
        child("ra", CITY, BORN_2008, null);
        child("rb", CITY, BORN_2008, null);
        remand("ra", "r1", "o1", "2023-05-01", "2023-06-01");
        remand("rb", "r1", "o1", "2023-07-01", null);

        // Began in the year: ra's and rb's = 2; ended in the year: ra's only, no custody followed = 1 / 1.
        assertThat(figure("remands", "FY2023-24", null).numerator()).isEqualTo(2);
        KpiFigure share = figure("remands-not-sentenced-to-custody", "FY2023-24", null);
        assertThat(List.of(share.numerator(), share.denominator())).containsExactly(1L, 1L);
    }

    @Test
    void homeVisitsWithinADayOfCourtAndAccommodationReferralsThreeMonthsBeforeRelease() {
        child("h", CITY, BORN_2008, null);
        outcome("h", "h1", "REFERRAL_ORDER", day("2023-06-05"), null);
        deliver(event(CITY, new HomeVisitRecorded("h", "h1", Instant.parse("2023-06-06T19:00:00Z")))); // 20:00 BST next day
        outcome("h", "h2", "YOUTH_REHABILITATION_ORDER", day("2023-07-03"), null);
        deliver(event(CITY, new HomeVisitRecorded("h", "h2", Instant.parse("2023-07-05T09:00:00Z")))); // two days on
        outcome("h", "h3", "DETENTION_AND_TRAINING_ORDER", day("2023-08-01"), null);                    // no visit
        outcome("h", "h4", "FINE", day("2023-08-02"), null);                                           // no supervision
        // In time: h1 of h1, h2, h3 = 1 / 3.
        assertThat(rate("home-visit-after-court")).containsExactly(1L, 3L);

        // c1: expected release 30 September, referred 20 June (on or before 30 June): in time.
        custody("h", "c1", "2023-01-10", "2023-09-30", "2023-06-20", "2023-09-30", "LICENCE");
        // c2: expected 15 December, referred 1 October (after 15 September): late.
        custody("h", "c2", "2023-06-01", "2023-12-15", "2023-10-01", "2023-12-15", "LICENCE");
        // c3: released at the end of the sentence, never referred.
        custody("h", "c3", "2023-09-01", "2024-01-10", null, "2024-01-10", "END_OF_SENTENCE");
        // c4: the end of a remand is not a release the measure counts.
        custody("h", "c4", "2023-09-01", null, null, "2023-10-01", "REMAND_ENDED");
        assertThat(rate("resettlement-accommodation-referral")).containsExactly(1L, 3L);
    }

    @Test
    void psrQualityAndCongruenceQaReviewsAndTheNationalStandardsBand() {
        child("q", CITY, BORN_2008, null);
        audit("q", "PRE_SENTENCE_REPORT", "2023-05-01", "GOOD");
        audit("q", "PRE_SENTENCE_REPORT", "2023-06-01", "OUTSTANDING");
        audit("q", "PRE_SENTENCE_REPORT", "2023-07-01", "REQUIRES_IMPROVEMENT");
        audit("q", "PRE_SENTENCE_REPORT", "2023-08-01", "INADEQUATE");
        // PSR quality: 2 / 4 = 50.0%.
        assertThat(rate("psr-quality")).containsExactly(2L, 4L);

        audit("q", "CASE", "2023-05-01", "GOOD");
        audit("q", "PLAN", "2023-05-02", "OUTSTANDING");
        audit("q", "ASSESSMENT", "2023-05-03", "GOOD");
        audit("q", "CASE", "2023-05-04", "INADEQUATE");
        audit("q", "PLAN", "2023-05-05", "GOOD");
        // QA reviews: 4 / 5 = 80.0%, the local target (the PSR audits are not QA reviews here).
        assertThat(rate("qa-reviews")).containsExactly(4L, 5L);
        assertThat(figure("qa-reviews", "FY2023-24", null).rate()).isEqualTo(new BigDecimal("80.0"));

        // National standards sample: Q1 4 of 5 good or outstanding (80% Outstanding), Q2 3 of 5 (60% Requires
        // Improvement), the year 7 of 10 (70% Good).
        for (String rating : List.of("GOOD", "GOOD", "OUTSTANDING", "GOOD", "INADEQUATE")) {
            audit("q", "NATIONAL_STANDARDS_SAMPLE", "2023-06-10", rating);
        }
        for (String rating : List.of("GOOD", "REQUIRES_IMPROVEMENT", "OUTSTANDING", "GOOD", "INADEQUATE")) {
            audit("q", "NATIONAL_STANDARDS_SAMPLE", "2023-09-10", rating);
        }
        assertThat(figure("national-standards", "2023-24-Q1", null).band()).isEqualTo("OUTSTANDING");
        assertThat(figure("national-standards", "2023-24-Q2", null).band()).isEqualTo("REQUIRES_IMPROVEMENT");
        KpiFigure year = figure("national-standards", "FY2023-24", null);
        assertThat(List.of(year.numerator(), year.denominator())).containsExactly(7L, 10L);
        assertThat(year.band()).isEqualTo("GOOD");
        assertThat(figure("qa-reviews", "FY2023-24", null).band()).as("only national standards is banded").isNull();

        // Congruence: p1 proposed a YRO and got one; p2 proposed a referral order and got a DTO; p3's report came
        // after the sentence; p4 had no report. 1 / 2.
        psr("q", "p1", "2023-06-01", "YOUTH_REHABILITATION_ORDER");
        outcome("q", "p1", "YOUTH_REHABILITATION_ORDER", day("2023-06-10"), null);
        psr("q", "p2", "2023-07-01", "REFERRAL_ORDER");
        outcome("q", "p2", "DETENTION_AND_TRAINING_ORDER", day("2023-07-05"), null);
        psr("q", "p3", "2023-08-20", "YOUTH_REHABILITATION_ORDER");
        outcome("q", "p3", "YOUTH_REHABILITATION_ORDER", day("2023-08-10"), null);
        outcome("q", "p4", "FINE", day("2023-09-01"), null);
        assertThat(rate("psr-congruence")).containsExactly(1L, 2L);
    }

    /**
     * The seeds' table of looked-after children known to the service, three years of it: 21 of 312 (6.7%), 6 of 316
     * ("1.89%") and 6 of 379, which the seeds print as 2.90%. 6 / 379 is 1.58%; 2.90% would need 11 children. The
     * figure here is the right one, 1.6% (one decimal place). The seeds count the children known between 1 April and
     * 31 March; the rule counts those looked after on the year's last day: these children are looked after all year.
     */
    @Test
    void reproducesThePublishedLookedAfterChildrenKnownAndCorrectsTheSeedsArithmetic() {
        for (int i = 0; i < 21; i++) {
            child("cla-" + i, CITY, BORN_2008, null);
            lookedAfter("cla-" + i, "2020-06-01", true);
            if (i >= 6) {
                lookedAfter("cla-" + i, "2021-05-01", false);   // no longer looked after from May 2021
            }
        }
        enterLookedAfterChildren("2020-04-01", "2021-03-31", 312);
        enterLookedAfterChildren("2021-04-01", "2022-03-31", 316);
        enterLookedAfterChildren("2022-04-01", "2023-03-31", 379);

        KpiFigure y2021 = figure("looked-after-known", "FY2020-21", null);
        assertThat(List.of(y2021.numerator(), y2021.denominator())).containsExactly(21L, 312L);
        assertThat(y2021.rate()).as("published: 6.7%").isEqualTo(new BigDecimal("6.7"));
        KpiFigure y2122 = figure("looked-after-known", "FY2021-22", null);
        assertThat(List.of(y2122.numerator(), y2122.denominator())).containsExactly(6L, 316L);
        assertThat(y2122.rate()).as("published: 1.89% (6 / 316 is 1.899%)").isEqualTo(new BigDecimal("1.9"));
        KpiFigure y2223 = figure("looked-after-known", "FY2022-23", null);
        assertThat(List.of(y2223.numerator(), y2223.denominator())).containsExactly(6L, 379L);
        assertThat(y2223.rate()).as("published as 2.90%, which 6 of 379 is not: 1.583%").isEqualTo(new BigDecimal("1.6"));
        assertThat(y2223.populationBasis()).contains("looked-after children of the local authority (entered)");
        // Against the year before in percentage points, at the rate's one decimal place: 1.583 - 1.899 = -0.316.
        assertThat(y2223.sameTimeLastYear().changeInRate()).isEqualTo(new BigDecimal("-0.3"));
        assertThat(y2223.sameTimeLastYear().convention()).isEqualTo(YearOnYear.Convention.PERCENTAGE_POINTS);
    }

    private void enterLookedAfterChildren(String from, String to, int children) {
        referenceFigures.enter(new ReferenceFigure(ReferenceFigure.Kind.LOOKED_AFTER_CHILDREN, CITY, day(from), day(to),
                new BigDecimal(children), "SSDA903", null, null), "admin");
    }

    /**
     * The national-standards bands at their edges: 80%+ Outstanding, 65-79% Good, 50-64% Requires Improvement, 49% or
     * less Inadequate. A share between two whole percentages falls in the lower band (79.2% is Good, 64.3% Requires
     * Improvement, 49.0% Inadequate).
     */
    @Test
    void theNationalStandardsBandsAtTheirEdges() {
        child("ns", CITY, BORN_2008, null);
        sample("2023-05-10", 16, 20);   // 2023-24 Q1: 80.0%
        sample("2023-08-10", 19, 24);   // Q2: 79.2%
        sample("2023-11-10", 13, 20);   // Q3: 65.0%
        sample("2024-02-10", 9, 14);    // Q4: 64.3%
        sample("2024-05-10", 10, 20);   // 2024-25 Q1: 50.0%
        sample("2024-08-10", 25, 51);   // Q2: 49.0%

        assertThat(band("2023-24-Q1")).isEqualTo(List.of("80.0", "OUTSTANDING"));
        assertThat(band("2023-24-Q2")).isEqualTo(List.of("79.2", "GOOD"));
        assertThat(band("2023-24-Q3")).isEqualTo(List.of("65.0", "GOOD"));
        assertThat(band("2023-24-Q4")).isEqualTo(List.of("64.3", "REQUIRES_IMPROVEMENT"));
        assertThat(band("2024-25-Q1")).isEqualTo(List.of("50.0", "REQUIRES_IMPROVEMENT"));
        assertThat(band("2024-25-Q2")).isEqualTo(List.of("49.0", "INADEQUATE"));
    }

    /** {@code good} of {@code audited} national-standards sample audits rated good or outstanding on the day. */
    private void sample(String day, int good, int audited) {
        for (int i = 0; i < audited; i++) {
            audit("ns", "NATIONAL_STANDARDS_SAMPLE", day, i < good ? (i % 2 == 0 ? "GOOD" : "OUTSTANDING")
                    : (i % 2 == 0 ? "REQUIRES_IMPROVEMENT" : "INADEQUATE"));
        }
    }

    private List<String> band(String period) {
        KpiFigure f = figure("national-standards", period, null);
        return List.of(f.rate().toPlainString(), f.band());
    }

    @Test
    void caseloadCountsACaseFromTheDayItOpenedThoughRecordedLater() {
        // m1 and m2 imported on 1 June 2024 with their opening days; m3 registered before opening days were
        // carried (v1: null), so opened the day it was recorded.
        openedCase("m1", "2023-05-01", at("2024-06-01"));
        openedCase("m2", "2024-02-01", at("2024-06-01"));
        child("m3", CITY, BORN_2008, at("2023-06-01"));
        caseChange(new CaseClosed("m1", day("2024-01-10"), "ORDER_COMPLETED"));

        assertThat(figure("caseload", "2023-24-Q1", null).numerator())
                .as("30 June 2023: m1 (opened in May) and m3 (recorded in June)").isEqualTo(2);
        assertThat(figure("caseload", "2023-24-Q3", null).numerator())
                .as("31 December 2023: m1 and m3; m2 not yet open").isEqualTo(2);
        assertThat(figure("caseload", "FY2023-24", null).numerator())
                .as("31 March 2024: m2 and m3; m1 closed in January").isEqualTo(2);
        assertThat(DrillDown.of(calculator.evaluate(measures.named("caseload"), query("FY2023-24", null))).counted())
                .extracting(DrillDown.Entry::childId).containsExactly("m2", "m3");
        assertThat(figure("caseload", "FY2023-24", day("2024-05-01")).numerator())
                .as("as it stood on 1 May 2024, before the import: m3 only").isEqualTo(1);
    }

    private void openedCase(String childId, String openedOn, Instant recordedAt) {
        child(childId, CITY, BORN_2008, day(openedOn), recordedAt);
    }

    @Test
    void lookedAfterChildrenKnownAndCaseloadPerPractitionerAtThePeriodsEnd() {
        Instant registered = at("2023-04-02");
        for (String c : List.of("k1", "k2", "k3", "k4")) {
            child(c, CITY, BORN_2008, registered);
        }
        child("k5", COUNTY, BORN_2008, registered);
        child("k6", CITY, BORN_2008, at("2024-04-02"));                          // registered after the year
        caseChange(new CaseClosed("k2", day("2024-01-10"), "ORDER_COMPLETED"));
        caseChange(new CaseClosed("k3", day("2023-12-01"), "ORDER_COMPLETED"));
        caseChange(new CaseReopened("k3", day("2024-02-01")));
        deliver(event(CITY, new CaseTransferred("k4", "OUT", COUNTY, "TRANSFER", day("2024-03-01"))));
        deliver(event(COUNTY, new CaseTransferred("k5", "OUT", CITY, "TRANSFER", day("2024-03-15"))));
        deliver(event(CITY, new CaseTransferred("k5", "IN", COUNTY, "TRANSFER", day("2024-03-15"))));
        referenceFigures.enter(new ReferenceFigure(ReferenceFigure.Kind.PRACTITIONER_FTE, CITY, day("2023-04-01"),
                day("2024-03-31"), new BigDecimal("1.5"), "HR", null, null), "admin");

        KpiFigure caseload = figure("caseload", "FY2023-24", null);
        // Open on 31 March 2024: k1, k3 (reopened), k5 (transferred in) = 3; per 1.5 FTE = 2.0.
        assertThat(caseload.numerator()).isEqualTo(3);
        assertThat(caseload.denominator()).as("FTE in hundredths").isEqualTo(150);
        assertThat(caseload.rate()).isEqualTo(new BigDecimal("2.0"));
        assertThat(DrillDown.of(calculator.evaluate(measures.named("caseload"), query("FY2023-24", null))).counted())
                .extracting(DrillDown.Entry::childId).containsExactly("k1", "k3", "k5");
        assertThat(figure("caseload", "2023-24-Q3", null).numerator())
                .as("31 December: k1, k2, k4 (k3 closed, k5 not yet in)").isEqualTo(3);
        KpiFigure nextQuarter = figure("caseload", "2024-25-Q1", null);
        assertThat(nextQuarter.numerator()).as("30 June 2024: k1, k3, k5 and k6, registered in April").isEqualTo(4);
        assertThat(nextQuarter.rate()).as("no FTE entered for 30 June 2024: no rate").isNull();

        // Looked after on 31 March 2024 by the latest answer assessed by then: k1 yes; k2 yes, then no;
        // k3 only from 5 April; k4 yes but transferred out. 1 of the local authority's 40 = 2.5%.
        lookedAfter("k1", "2024-01-10", true);
        lookedAfter("k2", "2023-06-01", true);
        lookedAfter("k2", "2024-02-01", false);
        lookedAfter("k3", "2024-04-05", true);
        lookedAfter("k4", "2023-06-01", true);
        referenceFigures.enter(new ReferenceFigure(ReferenceFigure.Kind.LOOKED_AFTER_CHILDREN, CITY, day("2023-04-01"),
                day("2024-03-31"), new BigDecimal("40"), "SSDA903", null, null), "admin");
        KpiFigure known = figure("looked-after-known", "FY2023-24", null);
        assertThat(List.of(known.numerator(), known.denominator())).containsExactly(1L, 40L);
        assertThat(known.rate()).isEqualTo(new BigDecimal("2.5"));
        assertRefused(() -> referenceFigures.enter(new ReferenceFigure(ReferenceFigure.Kind.LOOKED_AFTER_CHILDREN, CITY,
                day("2024-01-01"), day("2024-12-31"), new BigDecimal("41"), null, null, null), "admin"),
                "validFrom", HttpStatus.CONFLICT);
        assertRefused(() -> referenceFigures.enter(new ReferenceFigure(ReferenceFigure.Kind.LOOKED_AFTER_CHILDREN, CITY,
                day("2024-04-01"), day("2025-03-31"), new BigDecimal("40.5"), null, null, null), "admin"),
                "value", HttpStatus.BAD_REQUEST);
    }

    // --- transfers and partnership figures -----------------------------------------------------------

    @Test
    void aTransferredChildCountsForEachServiceOnItsOwnDaysAndEntersOnceAcrossThePartnership() {
        // t: cautioned in the city (its first-time entrant), transferred to the county on 1 September, then a YRO.
        child("t", CITY, BORN_2008, null);
        outcome("t", "t1", "YOUTH_CAUTION", day("2023-05-01"), null);
        deliver(event(CITY, new CaseTransferred("t", "OUT", COUNTY, "TRANSFER", day("2023-09-01"))));
        deliver(event(COUNTY, new CaseTransferred("t", "IN", CITY, "TRANSFER", day("2023-09-01"))));
        outcome("t", "t2", "YOUTH_REHABILITATION_ORDER", day("2023-10-01"), null);
        // u: first entered in the county in 2022, transferred to the city in February 2023, sentenced there in June.
        child("u", COUNTY, BORN_2008, null);
        outcome("u", "u1", "YOUTH_CAUTION", day("2022-06-01"), null);
        deliver(event(COUNTY, new CaseTransferred("u", "OUT", CITY, "TRANSFER", day("2023-02-01"))));
        deliver(event(CITY, new CaseTransferred("u", "IN", COUNTY, "TRANSFER", day("2023-02-01"))));
        outcome("u", "u2", "REFERRAL_ORDER", day("2023-06-01"), null);
        // w: a county child, caretaken by the city (the case stays with the county).
        child("w", COUNTY, BORN_2008, null);
        deliver(event(CITY, new CaseTransferred("w", "IN", COUNTY, "CARETAKING", day("2023-04-10"))));
        outcome("w", "w1", "YOUTH_CAUTION", day("2023-07-01"), null);

        assertThat(numerator("first-time-entrants", CITY)).as("t only: u entered in the county in 2022").isEqualTo(1);
        assertThat(numerator("first-time-entrants", COUNTY)).as("w; t is not counted twice").isEqualTo(1);
        assertThat(numerator("first-time-entrants", "partnership")).isEqualTo(2);
        // Outcomes by the service on the day: city t1, u2; county t2, w1.
        assertThat(numerator("oocd-outcome-mix", CITY)).as("t1 of t1, u2").isEqualTo(1);
        assertThat(figure("oocd-outcome-mix", "FY2023-24", null).denominator()).isEqualTo(2);
        KpiFigure county = calculator.compute(measures.named("oocd-outcome-mix"), service(COUNTY, "FY2023-24"));
        assertThat(List.of(county.numerator(), county.denominator())).as("w1 of t2, w1").containsExactly(1L, 2L);
        assertThat(numerator("first-time-entrants", CITY, "FY2022-23")).as("u was the county's then").isZero();
        assertThat(numerator("first-time-entrants", COUNTY, "FY2022-23")).isEqualTo(1);

        KpiFigure partnership = calculator.compute(measures.named("first-time-entrants"), service("partnership", "FY2023-24"));
        // 2 children per 100,000 of 40,909 + 71,500 = 112,409: 1.78 -> 2.
        assertThat(partnership.denominator()).isEqualTo(CITY_POPULATION + COUNTY_POPULATION);
        assertThat(partnership.rate()).isEqualTo(new BigDecimal("2"));
        assertThat(calculator.compute(measures.named("first-time-entrants"),
                service(CITY + "," + COUNTY, "FY2023-24"))).as("a list of the services is the same figure")
                .usingRecursiveComparison().ignoringFields("youthJusticeService").isEqualTo(partnership);
        Breakdown bySex = breakdowns.breakdown(measures.named("first-time-entrants"), service("partnership", "FY2023-24"),
                Dimension.SEX);
        assertThat(bySex.groups().stream().mapToLong(Breakdown.Group::numerator).sum()).isEqualTo(2);
        assertThat(bySex.groups().stream().mapToLong(g -> g.denominator() == null ? 0 : g.denominator()).sum())
                .as("both services' cells").isEqualTo(CITY_POPULATION + COUNTY_POPULATION);
    }

    @Test
    void aLateBackDatedTransferMovesTheChildFromItsDateButNotAsOfBeforeItWasRecorded() {
        child("x", CITY, BORN_2008, at("2023-04-02"));
        deliver(codec.wrap(UUID.randomUUID().toString(), null, at("2023-10-02"), "test",
                new OutcomeRecorded("x", "x1", "YOUTH_REHABILITATION_ORDER", day("2023-10-01"), null)));
        // Recorded on 20 November, back-dated to 1 September.
        deliver(codec.wrap(UUID.randomUUID().toString(), CITY, at("2023-11-20"), "test",
                new CaseTransferred("x", "OUT", COUNTY, "TRANSFER", day("2023-09-01"))));

        FigureQuery before = new FigureQuery(CITY, ReportingPeriod.named("FY2023-24"), null, day("2023-11-19"));
        assertThat(calculator.compute(measures.named("oocd-outcome-mix"), before).denominator())
                .as("as it stood before the transfer was recorded: the city's YRO").isEqualTo(1);
        assertThat(calculator.compute(measures.named("oocd-outcome-mix"), service(CITY, "FY2023-24")).denominator())
                .as("now: the city stopped counting x on 1 September").isZero();
        assertThat(calculator.compute(measures.named("oocd-outcome-mix"), service(COUNTY, "FY2023-24")).denominator())
                .as("and the county has not recorded a transfer in").isZero();
    }

    @Test
    void aChildTurning18WithinThePeriodCountsOnlyForOutcomesBefore18() {
        // Born 1 October 2005: 17 until 30 September 2023, 18 from 1 October.
        child("e", CITY, LocalDate.of(2005, 10, 1), null);
        offence("e", "e1", "ROBBERY", 5);
        outcome("e", "e1", "FINE", day("2023-10-01"), null);                  // 18 that day
        assertThat(numerator("yjb-kpi-9-serious-violence", CITY)).isZero();
        offence("e", "e0", "ROBBERY", 5);
        outcome("e", "e0", "FINE", day("2023-09-30"), null);                  // 17 the day before
        assertThat(numerator("yjb-kpi-9-serious-violence", CITY)).isEqualTo(1);
        assertThat(numerator("first-time-entrants", CITY)).isEqualTo(1);
    }

    // --- looked-after and SEND breakdowns --------------------------------------------------------------

    @Test
    void looksUpLookedAfterStatusAndSendFromTheLatestAnswerKnownAtThePeriodsEnd() {
        // a: looked after (June), SEND identified (September, a snapshot with no looked-after answer).
        child("a", CITY, BORN_2008, null);
        status("a", "2023-06-01", true, null);
        status("a", "2023-09-01", null, true);
        outcome("a", "a1", "COMMUNITY_RESOLUTION", day("2023-05-01"), null);
        outcome("a", "a2", "REFERRAL_ORDER", day("2023-07-01"), null);
        // b: not looked after; no SEND answer.
        child("b", CITY, BORN_2008, null);
        status("b", "2023-06-01", false, null);
        outcome("b", "b1", "YOUTH_CAUTION", day("2023-08-01"), null);
        // c: no looked-after answer; no SEND need.
        child("c", CITY, BORN_2008, null);
        status("c", "2023-06-01", null, false);
        outcome("c", "c1", "FINE", day("2023-08-01"), null);
        // d: looked after only from May 2024, after the year: not recorded at its end.
        child("d", CITY, BORN_2008, null);
        status("d", "2024-05-01", true, true);
        outcome("d", "d1", "COMMUNITY_RESOLUTION", day("2023-09-01"), null);

        // The mix: out-of-court a1, b1, d1 of all five outcomes.
        Breakdown lookedAfter = breakdowns.breakdown(measures.named("oocd-outcome-mix"), query("FY2023-24", null),
                Dimension.LOOKED_AFTER);
        assertThat(lookedAfter.groups()).containsExactly(
                new Breakdown.Group("LOOKED_AFTER", 1, 2L, new BigDecimal("50.0"), null),       // a1 of a1, a2
                new Breakdown.Group("NOT_LOOKED_AFTER", 1, 1L, new BigDecimal("100.0"), null),  // b1
                new Breakdown.Group("NOT_RECORDED", 1, 2L, new BigDecimal("50.0"), null));      // d1 of c1, d1
        Breakdown send = breakdowns.breakdown(measures.named("oocd-outcome-mix"), query("FY2023-24", null),
                Dimension.SEND);
        assertThat(send.groups()).containsExactly(
                new Breakdown.Group("SEND", 1, 2L, new BigDecimal("50.0"), null),               // a1 of a1, a2
                new Breakdown.Group("NO_SEND", 0, 1L, new BigDecimal("0.0"), null),             // c1
                new Breakdown.Group("NOT_RECORDED", 2, 2L, new BigDecimal("100.0"), null));     // b1, d1
    }

    // --- every measure listed, exported and versioned ------------------------------------------------

    @Test
    void everyMeasureIsListedWithItsRuleVersionsAndExported() {
        List<KpiController.MeasureInfo> listed = kpis.measures();
        assertThat(listed).extracting(KpiController.MeasureInfo::name).contains("yjb-kpi-8-board-attendance",
                "yjb-kpi-9-serious-violence", "yjb-kpi-10-victims-kept-informed", "remands",
                "remands-not-sentenced-to-custody", "home-visit-after-court", "resettlement-accommodation-referral",
                "psr-quality", "psr-congruence", "qa-reviews", "national-standards", "looked-after-known", "caseload");
        assertThat(listed).allSatisfy(m -> assertThat(m.ruleVersions()).as(m.name()).isNotEmpty());
        assertThat(listed).filteredOn(m -> m.name().equals("reoffending-binary")).singleElement()
                .satisfies(m -> assertThat(m.ruleVersions()).extracting(KpiController.RuleVersion::version)
                        .containsExactly(1, 2));
        String csv = quarterlyReturn.csv(query("2023-24-Q1", null));
        for (var m : listed) {
            assertThat(csv).as(m.name()).contains("\r\n" + m.name() + ",");
        }
        assertThat(csv).contains("\r\nyjb-kpi-8-board-attendance,1,leicester-city,2023-24-Q1,");
    }

    // --- every figure counted in SQL is what its listed units count ----------------------------------

    /**
     * A figure counted in SQL ({@link CountedInSql}) is what its listed units count: for every measure, over one dataset
     * of ended orders with and without END statuses (parts missing, superseded, recorded late), every order kind and
     * type, children aged either side of 10 and 18 on the day (29 February birthdays among them), transfers (one
     * recorded late), victims' contacts (v1 messages without the answers) and outcomes (some corrected, some with a
     * pre-sentence report or a home visit), {@code compute} (the counts, this period's and last year's) has the
     * numerator and denominator of {@code evaluate} (the listed units), for each service, several periods and as-of
     * dates, every rule version (each also copied with an age range 10-17), and while a rebuild defers the precomputed
     * tables.
     */
    @Test
    void everyFigureCountedInSqlCountsWhatItsListedUnitsCount() {
        countingDataset();
        // Each rule's versions again with an age range, in force from 2100 so never a figure's default version.
        jdbc.sql("""
                INSERT INTO counting_rule (measure, version, title, effective_from, effective_to, outcome_codes, min_age,
                                           max_age, definition, parameters)
                SELECT measure, version + :aged, title, DATE '2100-01-01', NULL, outcome_codes, 10, 17, definition, parameters
                FROM counting_rule
                """).param("aged", AGED).update();
        try {
            List<Map.Entry<Measure, FigureQuery>> queries = new ArrayList<>();
            for (Measure measure : measures.all()) {
                for (Integer version : versions(measure)) {
                    for (String service : List.of(CITY, COUNTY, "partnership")) {
                        for (String period : List.of("FY2021-22", "FY2022-23", "FY2023-24")) {
                            for (LocalDate asOf : Arrays.asList(null, day("2024-01-15"), LATE_CUT)) {
                                queries.add(Map.entry(measure, new FigureQuery(service, ReportingPeriod.named(period),
                                        version, asOf)));
                            }
                        }
                    }
                }
            }
            // Some 3,000 figures, each counted and listed: two at a time, as two analysts would ask (read-only).
            Map<String, List<KpiFigure>> compared = new ConcurrentHashMap<>();
            queries.parallelStream().forEach(q -> countedAsListed(q.getKey(), q.getValue()).ifPresent(f -> compared
                    .computeIfAbsent(q.getKey().name(), n -> Collections.synchronizedList(new ArrayList<>()))
                    .add(f)));
            // Now while a rebuild defers the precomputed tables: from the facts replayed so far.
            precomputed.defer();
            try {
                for (Measure measure : measures.all()) {
                    for (Integer version : versions(measure)) {
                        countedAsListed(measure, new FigureQuery(CITY, ReportingPeriod.named("FY2023-24"), version, null));
                    }
                }
            } finally {
                precomputed.refreshAll();
            }

            // Not vacuous: each measure counted in SQL counted units, and a proportion left units out of its numerator.
            measures.all().stream().filter(m -> m instanceof CountedInSql).forEach(m -> assertThat(compared.get(m.name()))
                    .as("%s: the dataset has units it counts (and leaves out, of a proportion)", m.name())
                    .anyMatch(f -> f.numerator() > 0 && (!(((CountedInSql) m).listed() instanceof Proportion<?>)
                            || f.numerator() < f.denominator())));
            // The age range and the as-of cut change figures counted in SQL; the transfer moves orders between services.
            for (String name : List.of("yjb-kpi-1-accommodation", "yjb-kpi-3-send", "yjb-kpi-6-out-of-court",
                    "yjb-kpi-10-victims-consented", "yjb-kpi-10-victims-kept-informed", "ete-statutory-orders")) {
                List<KpiFigure> figures = compared.get(name);
                assertThat(figures).as(name + " aged 10-17").anyMatch(f -> f.ruleVersion() < AGED && f.asOf() == null
                        && counterpart(figures, f, f.ruleVersion() + AGED, null).denominator() < f.denominator());
                assertThat(figures).as(name + " as of the cut").anyMatch(f -> f.asOf() == null
                        && !counts(f).equals(counts(counterpart(figures, f, f.ruleVersion(), LATE_CUT))));
            }
            assertThat(countedFigure("yjb-kpi-1-accommodation", CITY).denominator()
                    + countedFigure("yjb-kpi-1-accommodation", COUNTY).denominator())
                    .as("each order once, for the service responsible on its end")
                    .isEqualTo(countedFigure("yjb-kpi-1-accommodation", "partnership").denominator());
        } finally {
            jdbc.sql("DELETE FROM counting_rule WHERE version > :aged").param("aged", AGED).update();
        }
    }

    /** The version in force (null) and every version of the measure's rule. */
    private List<Integer> versions(Measure measure) {
        List<Integer> versions = new ArrayList<>();
        versions.add(null);
        rules.of(measure.ruleName()).forEach(r -> versions.add(r.version()));
        return versions;
    }

    /** The figure, asserted to count what its listed units count; empty when the query is refused (by both). */
    private Optional<KpiFigure> countedAsListed(Measure measure, FigureQuery query) {
        String what = measure.name() + " " + query;
        KpiFigure figure;
        try {
            figure = calculator.compute(measure, query);
        } catch (DomainRefusal refusal) {
            assertThatThrownBy(() -> calculator.evaluate(measure, query)).as(what)
                    .isInstanceOfSatisfying(DomainRefusal.class, r -> assertThat(r.field()).isEqualTo(refusal.field()));
            return Optional.empty();
        }
        MeasureCalculator.Evaluation listed = calculator.evaluate(measure, query);
        assertThat(counts(figure)).as(what).isEqualTo(List.of(listed.numerator(), listed.denominator()));
        MeasureCalculator.Evaluation lastYear = calculator.evaluate(measure, query
                .withPeriod(query.period().sameTimeLastYear()).withRuleVersion(figure.ruleVersion()));
        assertThat(List.of(figure.sameTimeLastYear().numerator(), figure.sameTimeLastYear().denominator()))
                .as(what + " last year").isEqualTo(List.of(lastYear.numerator(), lastYear.denominator()));
        return Optional.of(figure);
    }

    private KpiFigure countedFigure(String measure, String service) {
        return calculator.compute(measures.named(measure), new FigureQuery(service, ReportingPeriod.named("FY2023-24"),
                null, null));
    }

    private static List<Long> counts(KpiFigure figure) {
        return List.of(figure.numerator(), figure.denominator());
    }

    /** The figure for the same service and period under the rule version and as of the date given. */
    private static KpiFigure counterpart(List<KpiFigure> figures, KpiFigure figure, int version, LocalDate asOf) {
        return figures.stream().filter(f -> f.youthJusticeService().equals(figure.youthJusticeService())
                && f.period().equals(figure.period()) && f.ruleVersion() == version && Objects.equals(f.asOf(), asOf))
                .findFirst().orElseThrow();
    }

    private void countingDataset() {
        // Born on days that put a child either side of 10 or 18 on the edge days; three on 29 February.
        Map<String, LocalDate> born = new TreeMap<>(Map.of(
                "c-leap-2012", day("2012-02-29"),   // 9 on 28 February 2022, 10 on 1 March
                "c-2014", day("2014-03-01"),        // 9 on 29 February 2024, 10 on 1 March
                "c-2006", day("2006-03-01"),        // 17 on 29 February 2024, 18 on 1 March
                "c-leap-2004", day("2004-02-29"),   // 17 on 28 February 2022, 18 on 1 March
                "c-2012", day("2012-07-01"),        // 9 on 30 June 2022, 10 on 1 July
                "c-2005", day("2005-10-01"),        // 17 on 30 September 2023, 18 on 1 October
                "c-2008", BORN_2008,
                "k-leap-2008", day("2008-02-29"),   // 16 on 29 February 2024
                "k-2006", day("2006-03-01"),
                "k-2012", day("2012-07-01")));
        born.forEach((child, dateOfBirth) -> {
            String service = child.startsWith("c-") ? CITY : COUNTY;
            child(child, service, dateOfBirth, null);
            history(child, service);
        });
        // Transferred to the county on 1 October 2023, recorded the next day.
        child("t", CITY, day("2008-06-15"), null);
        transfer("t", day("2023-10-01"), day("2023-10-02"));
        history("t", CITY);
        // Back-dated to 1 January 2024 when recorded after the as-of cuts: the city's until then, as of them.
        child("x", CITY, day("2009-01-20"), null);
        transfer("x", day("2024-01-01"), RECORDED_LATE);
        history("x", CITY);
    }

    /** Orders ended with their END statuses, victims contacted and outcomes: chosen at random, the same each run. */
    private void history(String child, String service) {
        for (int i = 0; i < 16; i++) {
            String kind = KINDS.get(i % KINDS.size());
            List<String> types = TYPES.get(kind);
            LocalDate end = i < EDGES.size() ? EDGES.get((i + child.length()) % EDGES.size()) : anyDay();
            String order = child + "-order-" + i;
            // One end in eight recorded after the cuts; a day after the end otherwise.
            LocalDate recorded = random.nextInt(8) == 0 ? RECORDED_LATE : end.plusDays(1);
            deliver(recorded(service, recorded, new OrderEnded(child, order, types.get(random.nextInt(types.size())),
                    kind, end, List.of("COMPLETED", "BREACHED", "REVOKED").get(random.nextInt(3)))));
            switch (random.nextInt(5)) {
                case 0 -> { }                                                           // no END status
                case 1 -> endStatus(child, service, order, "REVIEW", recorded);        // not an END status
                case 2 -> {                                                             // superseded, late or not
                    endStatus(child, service, order, "END", recorded);
                    endStatus(child, service, order, "END", random.nextBoolean() ? RECORDED_LATE : recorded.plusDays(3));
                }
                default -> endStatus(child, service, order, "END", recorded.plusDays(random.nextInt(3)));
            }
        }
        for (int v = 0; v < 4; v++) {
            for (int contact = 0; contact <= random.nextInt(3); contact++) {
                LocalDate on = contact == 0 && v < 2 ? EDGES.get((v * 5 + child.length()) % EDGES.size()) : anyDay();
                contact(child, service, child + "-victim-" + v, on,
                        random.nextInt(6) == 0 ? RECORDED_LATE : on.plusDays(random.nextInt(2)));
            }
        }
        for (int o = 0; o < 5; o++) {
            LocalDate date = o < 2 ? EDGES.get((o * 3 + child.length()) % EDGES.size()) : anyDay();
            String offence = child + "-offence-" + o;
            deliver(recorded(service, date.minusDays(20), new OffenceRecorded(child, offence, date.minusDays(30),
                    List.of("THEFT_AND_HANDLING", "ROBBERY", "VIOLENCE_AGAINST_THE_PERSON").get(random.nextInt(3)),
                    1 + random.nextInt(6), true)));
            String code = CODES.get(random.nextInt(CODES.size()));
            if (random.nextBoolean()) {
                // A report proposing the outcome given, or another.
                deliver(recorded(service, date.minusDays(5), new PreSentenceReportSubmitted(child, offence,
                        date.minusDays(15), date.minusDays(5), random.nextBoolean() ? code : "FINE", true)));
            }
            IntegrationEvent outcome = recorded(service, date.plusDays(1),
                    new OutcomeRecorded(child, offence, code, date, null));
            deliver(outcome);
            if (random.nextBoolean()) {
                // Within a day of court, or later.
                deliver(recorded(service, date.plusDays(3), new HomeVisitRecorded(child, offence,
                        at(date.plusDays(random.nextInt(3)).toString()))));
            }
            if (random.nextInt(4) == 0) {
                deliver(recorded(service, random.nextBoolean() ? RECORDED_LATE : date.plusDays(5), new OutcomeCorrected(
                        child, offence, outcome.eventId(), CODES.get(random.nextInt(CODES.size())),
                        date.plusDays(random.nextInt(40)))));
            }
        }
    }

    private LocalDate anyDay() {
        return day("2021-04-01").plusDays(random.nextInt(1_200));
    }

    /** A snapshot whose parts are each there or not, with answers at random. */
    private void endStatus(String child, String service, String order, String point, LocalDate recorded) {
        deliver(recorded(service, recorded, new StatusRecorded(child, order, point, recorded,
                part(() -> new StatusRecorded.Accommodation(random.nextBoolean(), "FAMILY_HOME")),
                part(() -> new StatusRecorded.Ete(random.nextBoolean(), 25, 20,
                        List.of("FULL_TIME", "PART_TIME", "NEET").get(random.nextInt(3)), random.nextBoolean())),
                part(() -> new StatusRecorded.Send(random.nextBoolean(), random.nextBoolean())),
                part(this::need), part(this::need),
                part(() -> new StatusRecorded.WiderServices(random.nextInt(4) == 0, random.nextInt(4) == 0,
                        random.nextInt(4) == 0, random.nextInt(4) == 0)))));
    }

    private StatusRecorded.Need need() {
        boolean need = random.nextInt(3) > 0;
        boolean planned = need && random.nextInt(3) > 0;
        return new StatusRecorded.Need(need, planned, planned && random.nextBoolean());
    }

    private <P> P part(Supplier<P> part) {
        return random.nextInt(5) == 0 ? null : part.get();
    }

    private void contact(String child, String service, String victim, LocalDate on, LocalDate recorded) {
        String result = List.of("VIEWS_GIVEN", "DECLINED", "NOT_CONTACTABLE").get(random.nextInt(3));
        if (random.nextInt(4) == 0) {
            deliverVersion1VictimContact(child, victim, on, result, random.nextBoolean(), random.nextBoolean(),
                    at(recorded.toString()));
            return;
        }
        deliver(recorded(service, recorded, new VictimContactRecorded(child, "off", victim, on, result,
                random.nextBoolean(), random.nextBoolean(), answer(), answer(), answer())));
    }

    private Boolean answer() {
        return random.nextInt(4) == 0 ? null : random.nextBoolean();
    }

    /** From the city to the county, recorded by both. */
    private void transfer(String child, LocalDate on, LocalDate recorded) {
        deliver(recorded(CITY, recorded, new CaseTransferred(child, "OUT", COUNTY, "TRANSFER", on)));
        deliver(recorded(COUNTY, recorded, new CaseTransferred(child, "IN", CITY, "TRANSFER", on)));
    }

    private IntegrationEvent recorded(String service, LocalDate on, IntegrationPayload payload) {
        return codec.wrap(UUID.randomUUID().toString(), service, at(on.toString()), "test", payload);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private Map<String, Long> factCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("kpi_prevention_referral", "kpi_arrest", "kpi_remand", "kpi_custody_entry",
                "kpi_resettlement_referral", "kpi_custody_release", "kpi_psr", "kpi_home_visit", "kpi_assessment",
                "kpi_case_audit", "kpi_transfer", "kpi_case_change", "kpi_panel_amendment", "kpi_ycc_not_completed")) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private List<Long> rate(String measure) {
        KpiFigure f = figure(measure, "FY2023-24", null);
        return List.of(f.numerator(), f.denominator());
    }

    private long numerator(String measure, String service) {
        return numerator(measure, service, "FY2023-24");
    }

    private long numerator(String measure, String service, String period) {
        return calculator.compute(measures.named(measure), service(service, period)).numerator();
    }

    private KpiFigure figure(String measure, String period, LocalDate asOf) {
        return calculator.compute(measures.named(measure), new FigureQuery(CITY, ReportingPeriod.named(period), null, asOf));
    }

    private static FigureQuery query(String period, Integer ruleVersion) {
        return new FigureQuery(CITY, ReportingPeriod.named(period), ruleVersion, null);
    }

    private static FigureQuery service(String service, String period) {
        return new FigureQuery(service, ReportingPeriod.named(period), null, null);
    }

    private static LocalDate day(String day) {
        return LocalDate.parse(day);
    }

    private static Instant at(String day) {
        return LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static void assertRefused(Runnable action, String field, HttpStatus status) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainRefusal.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    private static BoardMeeting meeting(String service, String heldOn, String... attended) {
        return new BoardMeeting(null, service, LocalDate.parse(heldOn), List.of(attended), null, null, null);
    }

    private void child(String childId, String service, LocalDate dateOfBirth, Instant recordedAt) {
        child(childId, service, dateOfBirth, null, recordedAt);
    }

    private void child(String childId, String service, LocalDate dateOfBirth, LocalDate openedOn, Instant recordedAt) {
        deliver(codec.wrap(UUID.randomUUID().toString(), service, recordedAt == null ? at("2020-01-01") : recordedAt,
                "test", new ChildRegistered(childId, service, dateOfBirth, "MALE", "WHITE_BRITISH", service, openedOn)));
    }

    private void offence(String childId, String offenceId, String category, int gravity) {
        deliver(event(null, new OffenceRecorded(childId, offenceId, LocalDate.of(2023, 4, 1), category, gravity, true)));
    }

    /** An offence (when committed is given) and an outcome for it. */
    private void outcome(String childId, String offenceId, String code, LocalDate date, LocalDate committed) {
        if (committed != null) {
            deliver(event(null, new OffenceRecorded(childId, offenceId, committed, "THEFT_AND_HANDLING", 2, true)));
        }
        deliver(event(null, new OutcomeRecorded(childId, offenceId, code, date, null)));
    }

    private void remand(String childId, String remandId, String offenceId, String start, String end) {
        deliver(event(CITY, new RemandRecorded(childId, remandId, offenceId, "YOUTH_DETENTION_ACCOMMODATION",
                day(start), end == null ? null : day(end))));
    }

    private void custody(String childId, String orderId, String admitted, String expected, String referred,
                         String released, String releaseType) {
        deliver(event(CITY, new CustodyEntered(childId, orderId, "STC", day(admitted),
                expected == null ? null : day(expected))));
        if (referred != null) {
            deliver(event(CITY, new ResettlementAccommodationReferralMade(childId, orderId, day(referred), day(expected))));
        }
        deliver(event(CITY, new ReleasedFromCustody(childId, orderId, day(released), releaseType)));
    }

    private void audit(String childId, String subject, String on, String rating) {
        deliver(event(CITY, new CaseAuditRecorded(childId, UUID.randomUUID().toString(), subject, null, day(on), rating)));
    }

    private void psr(String childId, String offenceId, String submitted, String proposed) {
        deliver(event(CITY, new PreSentenceReportSubmitted(childId, offenceId, day(submitted).minusDays(10), day(submitted),
                proposed, true)));
    }

    private void caseChange(IntegrationPayload change) {
        deliver(event(CITY, change));
    }

    private void lookedAfter(String childId, String assessed, boolean lookedAfter) {
        status(childId, assessed, lookedAfter, null);
    }

    /** A snapshot with only the answers given (null: the part not in the snapshot), recorded the day assessed. */
    private void status(String childId, String assessed, Boolean lookedAfter, Boolean send) {
        deliver(codec.wrap(UUID.randomUUID().toString(), CITY, at(assessed), "test",
                new StatusRecorded(childId, "order-" + childId, "REVIEW", day(assessed), null, null,
                        send == null ? null : new StatusRecorded.Send(send, false), null, null,
                        lookedAfter == null ? null : new StatusRecorded.WiderServices(lookedAfter, false, false, false))));
    }

    private void victim(String childId, String victimId, LocalDate on, Boolean keptInformed, Boolean rjParticipated,
                        Boolean support) {
        deliver(event(CITY, new VictimContactRecorded(childId, "off", victimId, on, "VIEWS_GIVEN", true, true,
                keptInformed, rjParticipated, support)));
    }

    /** A version 1 message as an older case-service wrote it: without the three v2 answers. */
    private void deliverVersion1VictimContact(String childId, String victimId, LocalDate on) {
        deliverVersion1VictimContact(childId, victimId, on, "VIEWS_GIVEN", true, false, Instant.now());
    }

    private void deliverVersion1VictimContact(String childId, String victimId, LocalDate on, String result,
                                              boolean consented, boolean restorativeJusticeOffered, Instant recordedAt) {
        ObjectNode payload = new ObjectMapper().createObjectNode().put("childId", childId).put("offenceId", "off")
                .put("victimId", victimId).put("contactedOn", on.toString()).put("result", result)
                .put("consentedToContact", consented).put("restorativeJusticeOffered", restorativeJusticeOffered);
        deliver(new IntegrationEvent(UUID.randomUUID().toString(), "VictimContactRecorded", 1, CITY, childId,
                recordedAt, "test", payload));
    }

    private IntegrationEvent event(String service, IntegrationPayload payload) {
        return codec.wrap(UUID.randomUUID().toString(), service, Instant.now(), "test", payload);
    }

    /**
     * As the listener does it: through the wire form and the decoder's contract lookup; an upsert's event claimed in
     * processed_event and applied only when the claim is new, any other applied (its rows skip a stored event).
     */
    private void deliver(IntegrationEvent sent) {
        IntegrationEvent event = codec.read(codec.write(sent));
        IntegrationPayload payload = codec.payload(event).orElseThrow();
        assertThat(ReadModelProjection.missingFields(payload)).isEmpty();
        if (!ProjectionBatch.claimedFirst(payload) || consumed.markProcessed(event, new ConsumerRecord<>(
                Topics.CASE_EVENTS, 0, offsets.incrementAndGet(), event.childId(), new byte[0]))) {
            projection.apply(event, payload);
        }
    }
}
