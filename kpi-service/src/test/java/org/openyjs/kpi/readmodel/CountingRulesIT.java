package org.openyjs.kpi.readmodel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.kpi.comparator.Comparator;
import org.openyjs.kpi.comparator.ComparatorFigure;
import org.openyjs.kpi.comparator.Rag;
import org.openyjs.kpi.comparator.RagJudgement;
import org.openyjs.kpi.comparator.RagService;
import org.openyjs.kpi.comparator.RagThreshold;
import org.openyjs.kpi.custody.UseOfCustody;
import org.openyjs.kpi.export.QuarterlyReturn;
import org.openyjs.kpi.firsttimeentrants.FirstTimeEntrants;
import org.openyjs.kpi.breakdown.Breakdown;
import org.openyjs.kpi.breakdown.BreakdownCalculator;
import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.measure.DrillDown;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.KpiFigure;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.measure.YearOnYear;
import org.openyjs.kpi.population.PopulationCsv.Estimate;
import org.openyjs.kpi.population.PopulationEstimates;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.kpi.rules.RuleBook;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The counting rules, fed event sequences through the projection into real PostgreSQL (the rules
 * are SQL), with figures computed by hand. No Kafka here: consumption is KpiServiceIT's subject.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class CountingRulesIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    private static final LocalDate YEAR_START = LocalDate.of(2023, 4, 1);
    private static final LocalDate YEAR_END = LocalDate.of(2024, 3, 31);
    /** Aged 15 throughout 2023/24. */
    private static final LocalDate BORN_2008 = LocalDate.of(2008, 3, 10);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_rules");
    }

    @Autowired
    ReadModelProjection projection;
    @Autowired
    ReadModelReset reset;
    @Autowired
    MeasureCalculator calculator;
    @Autowired
    FirstTimeEntrants firstTimeEntrants;
    @Autowired
    UseOfCustody custody;
    @Autowired
    Clock clock;
    @Autowired
    RuleBook rules;
    @Autowired
    PopulationEstimates populations;
    @Autowired
    BreakdownCalculator breakdowns;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RagService ragService;
    @Autowired
    QuarterlyReturn quarterlyReturn;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @BeforeEach
    void emptyReadModel() {
        reset.clear();
    }

    /** Puts back the reference data a test changed: the rule versions and population years Flyway and the file gave. */
    @AfterEach
    void restoreReferenceData() {
        jdbc.sql("DELETE FROM counting_rule WHERE measure IN ('first-time-entrants', 'custody') AND version > 1").update();
        jdbc.sql("UPDATE counting_rule SET effective_to = NULL WHERE measure IN ('first-time-entrants', 'custody')")
                .update();
        jdbc.sql("DELETE FROM population_estimate WHERE year NOT IN (2022, 2023)").update();
        jdbc.sql("TRUNCATE comparator_figure, rag_threshold").update();
    }

    // --- first-time entrants ---------------------------------------------------------------------

    /**
     * The SQL age range (bounds on the date of birth) says what CountingRule.countsAge says of java.time.Period's age,
     * for every day around birthdays that make a child 10 or 18, 29 February births in years with and without one
     * included, and for open bounds.
     */
    @Test
    void theAgeRangeInSqlIsTheRulesAgeRange() {
        List<LocalDate> births = List.of(LocalDate.of(2012, 2, 29), LocalDate.of(2004, 2, 29), LocalDate.of(2005, 2, 28),
                LocalDate.of(2005, 3, 1), LocalDate.of(2013, 9, 1), LocalDate.of(2005, 9, 2), LocalDate.of(2014, 12, 31));
        List<LocalDate> days = new java.util.ArrayList<>();
        for (LocalDate start : List.of(LocalDate.of(2022, 2, 20), LocalDate.of(2023, 2, 20), LocalDate.of(2024, 2, 20),
                LocalDate.of(2023, 8, 25), LocalDate.of(2024, 12, 25))) {
            for (int i = 0; i < 14; i++) {
                days.add(start.plusDays(i));
            }
        }
        StringBuilder rows = new StringBuilder();
        for (LocalDate born : births) {
            for (LocalDate on : days) {
                rows.append(rows.isEmpty() ? "" : ", ").append("(DATE '").append(born).append("', DATE '").append(on)
                        .append("')");
            }
        }
        for (Integer[] range : new Integer[][]{{10, 17}, {null, 17}, {10, null}, {null, null}}) {
            CountingRule rule = new CountingRule("m", 1, "t", LocalDate.MIN, null, List.of(), range[0], range[1], "d");
            java.util.Map<String, Object> params = new java.util.HashMap<>();
            params.put("minAge", range[0]);
            params.put("maxAge", range[1]);
            List<String> sql = jdbc.sql("SELECT a.date_of_birth, a.day, " + OutcomeFacts.ageInRange("a", "a.day")
                            + " FROM (VALUES " + rows + ") a(date_of_birth, day) ORDER BY 1, 2")
                    .params(params)
                    .query((rs, n) -> rs.getObject(1, LocalDate.class) + " " + rs.getObject(2, LocalDate.class) + " "
                            + rs.getBoolean(3)).list();
            List<String> inJava = births.stream().flatMap(born -> days.stream().map(on -> born + " " + on + " "
                    + rule.countsAge(java.time.Period.between(born, on).getYears()))).sorted().toList();
            assertThat(sql).as("ages %s-%s", range[0], range[1]).isEqualTo(inJava);
        }
    }

    @Test
    void aSecondCautionDoesNotCountTheChildAgain() {
        child("a", CITY, BORN_2008);
        outcome("a", "YOUTH_CAUTION", LocalDate.of(2023, 5, 1));
        outcome("a", "YOUTH_CAUTION", LocalDate.of(2023, 9, 1));

        assertThat(fte(CITY).numerator()).isEqualTo(1);
    }

    @Test
    void communityResolutionsOutcomes20To22AndNoFurtherActionDoNotCount() {
        child("b", CITY, BORN_2008);
        outcome("b", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 5, 1));
        outcome("b", "OUTCOME_20", LocalDate.of(2023, 5, 2));
        outcome("b", "OUTCOME_21", LocalDate.of(2023, 5, 3));
        outcome("b", "OUTCOME_22", LocalDate.of(2023, 6, 1));
        outcome("b", "NO_FURTHER_ACTION", LocalDate.of(2023, 7, 1));
        // A community resolution before the first caution does not make the caution a second entry.
        child("c", CITY, BORN_2008);
        outcome("c", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 5, 1));
        outcome("c", "YOUTH_CAUTION", LocalDate.of(2023, 7, 1));

        assertThat(fte(CITY).numerator()).isEqualTo(1);
    }

    @Test
    void everyCourtDisposalQualifies() {
        String[] disposals = {"REFERRAL_ORDER", "YOUTH_REHABILITATION_ORDER", "DETENTION_AND_TRAINING_ORDER",
                "SECTION_250_DETENTION", "SECTION_259_DETENTION", "CONDITIONAL_DISCHARGE", "ABSOLUTE_DISCHARGE",
                "FINE", "YOUTH_CONDITIONAL_CAUTION"};
        for (String disposal : disposals) {
            child(disposal, CITY, BORN_2008);
            outcome(disposal, disposal, LocalDate.of(2023, 10, 1));
        }

        assertThat(fte(CITY).numerator()).isEqualTo(disposals.length);
    }

    @Test
    void aChildWhoseFirstQualifyingOutcomeWasBeforeThePeriodDoesNotCountInIt() {
        child("d", CITY, BORN_2008);
        outcome("d", "YOUTH_CAUTION", LocalDate.of(2023, 3, 31));
        outcome("d", "REFERRAL_ORDER", LocalDate.of(2023, 6, 1));

        assertThat(fte(CITY).numerator()).isZero();
        assertThat(fte(CITY, LocalDate.of(2022, 4, 1), LocalDate.of(2023, 3, 31)).numerator()).isEqualTo(1);
    }

    @Test
    void thePeriodIncludesBothEndsAndNothingOutside() {
        child("first-day", CITY, BORN_2008);
        outcome("first-day", "YOUTH_CAUTION", YEAR_START);
        child("last-day", CITY, BORN_2008);
        outcome("last-day", "YOUTH_CAUTION", YEAR_END);
        child("day-after", CITY, BORN_2008);
        outcome("day-after", "YOUTH_CAUTION", YEAR_END.plusDays(1));
        child("day-before", CITY, BORN_2008);
        outcome("day-before", "YOUTH_CAUTION", YEAR_START.minusDays(1));

        assertThat(fte(CITY).numerator()).isEqualTo(2);
    }

    @Test
    void onlyChildrenAged10To17OnTheOutcomeDateCount() {
        LocalDate outcomeDate = LocalDate.of(2023, 6, 1);
        child("eighteenth-birthday", CITY, LocalDate.of(2005, 6, 1));
        outcome("eighteenth-birthday", "YOUTH_CAUTION", outcomeDate);
        child("day-before-eighteen", CITY, LocalDate.of(2005, 6, 2));
        outcome("day-before-eighteen", "YOUTH_CAUTION", outcomeDate);
        child("tenth-birthday", CITY, LocalDate.of(2013, 6, 1));
        outcome("tenth-birthday", "YOUTH_CAUTION", outcomeDate);
        child("nine", CITY, LocalDate.of(2013, 6, 2));
        outcome("nine", "YOUTH_CAUTION", outcomeDate);

        assertThat(fte(CITY).numerator()).isEqualTo(2);
    }

    @Test
    void aChildWhoseFirstQualifyingOutcomeCameAt18IsNotCountedForALaterOne() {
        child("adult-first", CITY, LocalDate.of(2005, 4, 1));
        outcome("adult-first", "YOUTH_CAUTION", LocalDate.of(2023, 4, 1));
        outcome("adult-first", "FINE", LocalDate.of(2023, 8, 1));

        assertThat(fte(CITY).numerator()).isZero();
    }

    @Test
    void aLeapDayChildIsStill17OnThe28thOfFebruary() {
        child("leapling", CITY, LocalDate.of(2004, 2, 29));
        outcome("leapling", "YOUTH_CAUTION", LocalDate.of(2022, 2, 28));
        child("leapling-older", CITY, LocalDate.of(2004, 2, 29));
        outcome("leapling-older", "YOUTH_CAUTION", LocalDate.of(2022, 3, 1));

        assertThat(fte(CITY, LocalDate.of(2021, 4, 1), LocalDate.of(2022, 3, 31)).numerator()).isEqualTo(1);
    }

    @Test
    void childrenOfAnotherServiceCountThereNotHere() {
        child("county-child", COUNTY, BORN_2008);
        outcome("county-child", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1));

        assertThat(fte(CITY).numerator()).isZero();
        KpiFigure county = fte(COUNTY);
        assertThat(county.numerator()).isEqualTo(1);
        assertThat(county.denominator()).isEqualTo(71_500);
        assertThat(county.rate()).isEqualByComparingTo("1"); // 1.398...
    }

    @Test
    void twoQualifyingOutcomesOnTheSameDayCountTheChildOnce() {
        child("e", CITY, BORN_2008);
        outcome("e", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1));
        outcome("e", "REFERRAL_ORDER", LocalDate.of(2023, 6, 1));

        assertThat(fte(CITY).numerator()).isEqualTo(1);
    }

    @Test
    void aPanelDecisionIsNotAnOutcome() {
        // Decided by the panel, outcome not yet administered on the case: nothing to count.
        child("decided", CITY, BORN_2008);
        panelDecision("decided", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1));
        // Decided, then recorded on the case by case-service: counted once, by the outcome.
        child("administered", CITY, BORN_2008);
        String decisionId = panelDecision("administered", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1));
        apply(new OutcomeRecorded("administered", "offence-administered", "YOUTH_CAUTION", LocalDate.of(2023, 6, 3),
                decisionId));

        assertThat(fte(CITY).numerator()).isEqualTo(1);
    }

    // --- use of custody --------------------------------------------------------------------------

    @Test
    void custodyCountsSentencesNotChildren() {
        child("f", CITY, BORN_2008);
        outcome("f", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 5, 1));
        outcome("f", "SECTION_250_DETENTION", LocalDate.of(2023, 11, 1));
        child("g", CITY, BORN_2008);
        outcome("g", "SECTION_259_DETENTION", LocalDate.of(2023, 6, 1));
        // Two concurrent sentences passed the same day are two sentences.
        child("h", CITY, BORN_2008);
        outcome("h", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 8, 1));
        outcome("h", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 8, 1));
        // Not custodial, outside the period, or another service's.
        outcome("g", "YOUTH_REHABILITATION_ORDER", LocalDate.of(2023, 7, 1));
        outcome("g", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 3, 31));
        child("county-child", COUNTY, BORN_2008);
        outcome("county-child", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 6, 1));

        KpiFigure figure = custody(CITY, YEAR_START, YEAR_END);
        assertThat(figure.numerator()).isEqualTo(5);
        assertThat(figure.rate()).isEqualTo(new BigDecimal("0.12")); // 5 / 40,909 * 1,000 = 0.1222...
    }

    // --- the published figures ---------------------------------------------------------------------

    @Test
    void reproducesLeicesterCitysPublishedFiguresAndTheirChangeOnTheYearBefore() {
        // FTE 2023/24: 90 children, 220 per 100,000; 2022/23: 81, 198; "Increase - of 11.1 %".
        for (int i = 0; i < 90; i++) {
            child("fte-2324-" + i, CITY, BORN_2008);
            outcome("fte-2324-" + i, "YOUTH_CAUTION", YEAR_START.plusDays(i * 4L));
        }
        for (int i = 0; i < 81; i++) {
            child("fte-2223-" + i, CITY, BORN_2008);
            outcome("fte-2223-" + i, "REFERRAL_ORDER", LocalDate.of(2022, 4, 1).plusDays(i * 4L));
        }
        // Custody 2023/24: 6 sentences, 0.15 per 1,000; 2022/23: 4, 0.10; "Increase by 0.05".
        for (int i = 0; i < 6; i++) {
            outcome("fte-2324-" + i, "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 10, 1).plusDays(i));
        }
        for (int i = 0; i < 4; i++) {
            outcome("fte-2223-" + i, "SECTION_250_DETENTION", LocalDate.of(2022, 10, 1).plusDays(i));
        }
        LocalDate previousStart = LocalDate.of(2022, 4, 1);
        LocalDate previousEnd = LocalDate.of(2023, 3, 31);
        FigureQuery year = new FigureQuery(CITY, ReportingPeriod.named("FY2023-24"), null, null);

        // +11.1% relative (the published change), +22 per 100,000 absolute.
        assertThat(calculator.compute(firstTimeEntrants, year)).isEqualTo(new KpiFigure("first-time-entrants", 1, CITY,
                "FY2023-24", YEAR_START, YEAR_END, null, 90, 40_909, 100_000, new BigDecimal("220"),
                "10-17 population 40909 (mid-2023 estimate)", false,
                new YearOnYear(previousStart, previousEnd, 81, 40_909, new BigDecimal("198"), new BigDecimal("11.1"),
                        new BigDecimal("22"), YearOnYear.Convention.RELATIVE_PERCENT)));
        // The seeds print custody's change as +0.05 per 1,000: changeInRate; relative it is +50%.
        assertThat(calculator.compute(custody, year)).isEqualTo(new KpiFigure("custody", 1, CITY, "FY2023-24",
                YEAR_START, YEAR_END, null, 6, 40_909, 1_000, new BigDecimal("0.15"),
                "10-17 population 40909 (mid-2023 estimate)", false,
                new YearOnYear(previousStart, previousEnd, 4, 40_909, new BigDecimal("0.10"), new BigDecimal("50.0"),
                        new BigDecimal("0.05"), YearOnYear.Convention.RELATIVE_PERCENT)));
        assertThat(fte(CITY, previousStart, previousEnd).populationBasis())
                .isEqualTo("10-17 population 40909 (mid-2022 estimate)");
    }

    // --- rule versions ---------------------------------------------------------------------------

    @Test
    void aNewRuleVersionLeavesTheOldFiguresReproducible() {
        // A hypothetical v2 from April 2024 that no longer counts fines as an entry.
        jdbc.sql("UPDATE counting_rule SET effective_to = DATE '2024-03-31' WHERE measure = 'first-time-entrants' AND version = 1")
                .update();
        jdbc.sql("""
                INSERT INTO counting_rule (measure, version, title, effective_from, outcome_codes, min_age, max_age, definition)
                SELECT measure, 2, title, DATE '2024-04-01', array_remove(outcome_codes, 'FINE'), min_age, max_age, 'v1 without fines'
                FROM counting_rule WHERE measure = 'first-time-entrants' AND version = 1
                """).update();
        child("fined-2023", CITY, BORN_2008);
        outcome("fined-2023", "FINE", LocalDate.of(2023, 6, 1));
        child("fined-2024", CITY, BORN_2008);
        outcome("fined-2024", "FINE", LocalDate.of(2024, 6, 1));
        child("cautioned-2024", CITY, BORN_2008);
        outcome("cautioned-2024", "YOUTH_CAUTION", LocalDate.of(2024, 6, 1));

        KpiFigure published = calculator.compute(firstTimeEntrants, query("FY2023-24", null));
        assertThat(published.ruleVersion()).as("in force on 31 March 2024").isEqualTo(1);
        assertThat(published.numerator()).isEqualTo(1);
        KpiFigure next = calculator.compute(firstTimeEntrants, query("FY2024-25", null));
        assertThat(next.ruleVersion()).isEqualTo(2);
        assertThat(next.numerator()).isEqualTo(1);
        assertThat(next.sameTimeLastYear().numerator()).as("last year under v2 too: like with like").isZero();
        assertThat(calculator.compute(firstTimeEntrants, query("FY2024-25", 1)).numerator()).isEqualTo(2);
        assertThat(calculator.compute(firstTimeEntrants, query("FY2023-24", 2)).numerator()).isZero();
        assertThat(calculator.compute(firstTimeEntrants, query("FY2023-24", 1))).isEqualTo(published);

        assertThat(rules.all().stream().filter(r -> List.of("custody", "first-time-entrants").contains(r.measure())))
                .extracting(CountingRule::measure, CountingRule::version, CountingRule::effectiveTo)
                .containsExactly(tuple("custody", 1, null),
                        tuple("first-time-entrants", 1, LocalDate.of(2024, 3, 31)),
                        tuple("first-time-entrants", 2, null));
        assertThatThrownBy(() -> calculator.compute(firstTimeEntrants, query("FY2023-24", 3)))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("ruleVersion"));
        assertThatThrownBy(() -> calculator.compute(firstTimeEntrants, query("FY1996-97", null)))
                .as("before any version was in force")
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    // --- population ------------------------------------------------------------------------------

    @Test
    void theDenominatorIsTheMidYearEstimateOfThePeriodsYear() {
        assertThat(calculator.compute(firstTimeEntrants, query("FY2024-25", null)).populationBasis())
                .as("mid-2024 not loaded: the latest earlier year, saying so")
                .isEqualTo("10-17 population 40909 (mid-2023 estimate; mid-2024 not loaded)");

        populations.load(List.of(new Estimate(CITY, 2024, 10, "FEMALE", "WHITE", 20_000),
                new Estimate(CITY, 2024, 17, "MALE", "ASIAN", 21_000),
                new Estimate(CITY, 2024, 18, "MALE", "ASIAN", 5_000)), "test", true);
        KpiFigure figure = calculator.compute(firstTimeEntrants, query("FY2024-25", null));
        assertThat(figure.denominator()).as("10-17 only").isEqualTo(41_000);
        assertThat(figure.populationBasis()).isEqualTo("10-17 population 41000 (mid-2024 estimate)");
        assertThat(calculator.compute(firstTimeEntrants, query("2024-25-Q3", null)).denominator()).isEqualTo(41_000);
        assertThat(calculator.compute(firstTimeEntrants, query("2023-24-Q4", null)).denominator())
                .as("January-March 2024: the latest 30 June is 2023's").isEqualTo(40_909);

        // The file read at start adds only what is not loaded: it never overwrites an upload.
        populations.load(List.of(new Estimate(CITY, 2024, 10, "FEMALE", "WHITE", 1)), "start", false);
        assertThat(calculator.compute(firstTimeEntrants, query("FY2024-25", null)).denominator()).isEqualTo(41_000);
    }

    // --- breakdowns ------------------------------------------------------------------------------

    @Test
    void breaksDownByEthnicityWithTheRelativeRateIndexAgainstWhiteChildren() {
        childOf("w", 4, "WHITE_BRITISH", "MALE");
        childOf("a", 6, "ASIAN_INDIAN", "FEMALE");
        childOf("b", 3, "BLACK_AFRICAN", "MALE");
        childOf("n", 1, "NOT_STATED", "MALE");

        Breakdown ethnicity = breakdowns.breakdown(firstTimeEntrants, query("FY2023-24", null), Dimension.ETHNICITY);
        assertThat(ethnicity.numerator()).isEqualTo(14);
        assertThat(ethnicity.referenceGroup()).isEqualTo("WHITE");
        // Sample mid-2023 Leicester City 10-17: White 15,546, Asian 16,362, Black 4,092, Mixed 2,864, Other 2,045.
        // White 4 / 15,546 = 25.73 per 100,000; Asian 36.67 -> RRI 1.43; Black 73.31 -> RRI 2.85.
        assertThat(ethnicity.groups()).containsExactly(
                new Breakdown.Group("WHITE", 4, 15_546L, new BigDecimal("26"), new BigDecimal("1.00")),
                new Breakdown.Group("MIXED", 0, 2_864L, new BigDecimal("0"), new BigDecimal("0.00")),
                new Breakdown.Group("ASIAN", 6, 16_362L, new BigDecimal("37"), new BigDecimal("1.43")),
                new Breakdown.Group("BLACK", 3, 4_092L, new BigDecimal("73"), new BigDecimal("2.85")),
                new Breakdown.Group("OTHER", 0, 2_045L, new BigDecimal("0"), new BigDecimal("0.00")),
                new Breakdown.Group("NOT_RECORDED", 1, null, null, null));

        // Female 6 / 19,962 = 30.06; male 8 / 20,947 = 38.19 -> RRI 1.27.
        assertThat(breakdowns.breakdown(firstTimeEntrants, query("FY2023-24", null), Dimension.SEX).groups())
                .containsExactly(new Breakdown.Group("FEMALE", 6, 19_962L, new BigDecimal("30"), new BigDecimal("1.00")),
                        new Breakdown.Group("MALE", 8, 20_947L, new BigDecimal("38"), new BigDecimal("1.27")));
        // All aged 15 on the outcome date: 14 / 14,829 = 94.41; 10-14 has none, so no index against it.
        assertThat(breakdowns.breakdown(firstTimeEntrants, query("FY2023-24", null), Dimension.AGE_BAND).groups())
                .containsExactly(new Breakdown.Group("10-14", 0, 26_080L, new BigDecimal("0"), null),
                        new Breakdown.Group("15-17", 14, 14_829L, new BigDecimal("94"), null));
        Breakdown lookedAfter = breakdowns.breakdown(firstTimeEntrants, query("FY2023-24", null), Dimension.LOOKED_AFTER);
        // No StatusRecorded for any of them: every child's looked-after status is not recorded.
        assertThat(lookedAfter.groups()).containsExactly(new Breakdown.Group("LOOKED_AFTER", 0, null, null, null),
                new Breakdown.Group("NOT_LOOKED_AFTER", 0, null, null, null),
                new Breakdown.Group("NOT_RECORDED", 14, null, null, null));
        assertThat(lookedAfter.referenceGroup()).isNull();
    }

    // --- drill-down and as-of --------------------------------------------------------------------

    @Test
    void drillsDownToTheChildrenAndEventsCounted() {
        child("one", CITY, BORN_2008);
        String first = outcome("one", "YOUTH_CAUTION", LocalDate.of(2023, 5, 1));
        outcome("one", "REFERRAL_ORDER", LocalDate.of(2023, 9, 1));
        child("two", CITY, BORN_2008);
        outcome("two", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 4, 1));
        String second = outcome("two", "YOUTH_CONDITIONAL_CAUTION", LocalDate.of(2023, 7, 1));

        DrillDown drillDown = DrillDown.of(calculator.evaluate(firstTimeEntrants, query("FY2023-24", null)));
        assertThat(drillDown.numerator()).isEqualTo(2);
        assertThat(drillDown.counted()).extracting(DrillDown.Entry::childId, DrillDown.Entry::eventId,
                        DrillDown.Entry::outcomeCode, DrillDown.Entry::outcomeDate, DrillDown.Entry::ageOnOutcomeDate)
                .containsExactly(tuple("one", first, "YOUTH_CAUTION", LocalDate.of(2023, 5, 1), 15),
                        tuple("two", second, "YOUTH_CONDITIONAL_CAUTION", LocalDate.of(2023, 7, 1), 15));
    }

    @Test
    void asOfADateCountsOnlyWhatHadBeenRecordedByThen() {
        child("x", CITY, BORN_2008);
        outcome("x", "YOUTH_CAUTION", LocalDate.of(2023, 5, 1), Instant.parse("2023-05-03T10:00:00Z"));
        // Recorded late, in the next year, back-dated into 2023/24.
        child("y", CITY, BORN_2008);
        outcome("y", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), Instant.parse("2024-05-20T10:00:00Z"));
        // Later still, x turns out to have been cautioned before: x entered in 2022/23, not 2023/24.
        outcome("x", "YOUTH_CAUTION", LocalDate.of(2022, 12, 1), Instant.parse("2024-06-01T10:00:00Z"));

        assertThat(fteAsOf("FY2023-24", LocalDate.of(2024, 4, 30))).isEqualTo(List.of("x"));
        assertThat(fteAsOf("FY2023-24", LocalDate.of(2024, 5, 20))).as("the whole as-of day counts")
                .isEqualTo(List.of("x", "y"));
        assertThat(fteAsOf("FY2023-24", null)).isEqualTo(List.of("y"));
        assertThat(fteAsOf("FY2022-23", LocalDate.of(2024, 4, 30))).isEmpty();
        assertThat(fteAsOf("FY2022-23", null)).isEqualTo(List.of("x"));
        KpiFigure asPublished = calculator.compute(firstTimeEntrants,
                new FigureQuery(CITY, ReportingPeriod.named("FY2023-24"), null, LocalDate.of(2024, 4, 30)));
        assertThat(asPublished.asOf()).isEqualTo(LocalDate.of(2024, 4, 30));
        assertThat(asPublished.numerator()).isEqualTo(1);
        assertThat(asPublished.provisional()).isFalse();
        assertThatThrownBy(() -> fteAsOf("FY2023-24", LocalDate.now(clock).plusDays(1)))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("asOf"));
    }

    // --- comparators, RAG and the return ----------------------------------------------------------

    @Test
    void theRagIsJudgedAgainstTheComparatorTheThresholdNames() {
        childOf("w", 5, "WHITE_BRITISH", "MALE");  // 5 / 40,909 = 12.2 -> 12 per 100,000
        FigureQuery year = query("FY2023-24", null);

        assertThat(ragService.judge(firstTimeEntrants, year).explanation())
                .isEqualTo("no RAG threshold entered for first-time-entrants in leicester-city");
        ragService.enter(new RagThreshold("first-time-entrants", CITY, Comparator.FAMILY, true, new BigDecimal("10"),
                null, null), "analyst");
        assertThat(ragService.judge(firstTimeEntrants, year).rag()).as("no family comparator for the year yet").isNull();

        ragService.enter(comparator(Comparator.NATIONAL, "20"), "analyst");
        ragService.enter(comparator(Comparator.FAMILY, "11"), "analyst");
        RagJudgement judged = ragService.judge(firstTimeEntrants, year);
        // 12 against the family's 11: 1 worse, within 10% of 11 (1.1): amber; the national 20 is not used.
        assertThat(judged.rag()).isEqualTo(Rag.AMBER);
        assertThat(judged.comparator()).isEqualTo(Comparator.FAMILY);
        assertThat(judged.comparatorRate()).isEqualByComparingTo("11");
        assertThat(judged.comparators()).hasSize(2);
        ragService.enter(comparator(Comparator.FAMILY, "10.5"), "analyst");  // corrected: 1.5 worse > 1.05
        assertThat(ragService.judge(firstTimeEntrants, year).rag()).isEqualTo(Rag.RED);
        ragService.enter(comparator(Comparator.FAMILY, "12"), "analyst");
        assertThat(ragService.judge(firstTimeEntrants, year).rag()).isEqualTo(Rag.GREEN);
        assertThat(ragService.judge(firstTimeEntrants, query("2023-24-Q1", null)).rag())
                .as("a comparator is for its own period only").isNull();
        assertThatThrownBy(() -> ragService.enter(new RagThreshold("reoffending", CITY, Comparator.FAMILY, true,
                BigDecimal.TEN, null, null), "analyst"))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("measure"));
    }

    @Test
    void theReturnHasARowPerMeasureAndPerBreakdownGroupAddingUpToTheFigure() {
        childOf("w", 4, "WHITE_BRITISH", "MALE");
        childOf("a", 6, "ASIAN_INDIAN", "FEMALE");
        childOf("b", 3, "BLACK_AFRICAN", "MALE");
        childOf("n", 1, "NOT_STATED", "MALE");
        outcome("b0", "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 11, 1));

        // The other measures' rows are NewMeasuresIT's subject.
        List<String> lines = List.of(quarterlyReturn.csv(query("FY2023-24", null)).split("\r\n")).stream()
                .filter(l -> l.startsWith("measure,") || l.startsWith("custody,") || l.startsWith("first-time-entrants,"))
                .toList();
        String head = "1,leicester-city,FY2023-24,2023-04-01,2024-03-31,,";
        assertThat(lines.get(0)).startsWith("measure,rule_version,service,period,from,to,as_of,breakdown,group,numerator");
        // custody: whole, sex 2, ethnicity 5, age 2, looked-after 3, SEND 3; first-time entrants: ethnicity 6.
        assertThat(lines).hasSize(1 + 16 + 17);
        assertThat(lines).contains(
                // 1 / 40,909 * 1,000 = 0.02; nothing the year before.
                "custody," + head + "all,ALL,1,40909,1000,0.02,,0,0.00,,0.02,RELATIVE_PERCENT,,,false,"
                        + "10-17 population 40909 (mid-2023 estimate)",
                // 14 / 40,909 * 100,000 = 34.
                "first-time-entrants," + head + "all,ALL,14,40909,100000,34,,0,0,,34,RELATIVE_PERCENT,,,false,"
                        + "10-17 population 40909 (mid-2023 estimate)",
                "first-time-entrants," + head + "ethnicity,BLACK,3,4092,100000,73,2.85,,,,,,,,false,"
                        + "10-17 population by ethnicity (mid-2023 estimate)",
                "first-time-entrants," + head + "ethnicity,NOT_RECORDED,1,,100000,,,,,,,,,,false,"
                        + "10-17 population by ethnicity (mid-2023 estimate)",
                "first-time-entrants," + head + "send,NOT_RECORDED,14,,100000,,,,,,,,,,false,"
                        + "the population estimates are not split by send");
    }

    // --- the calculator around the rules ---------------------------------------------------------

    @Test
    void aPeriodThatHasNotEndedIsProvisional() {
        LocalDate today = LocalDate.now(clock);
        assertThat(fte(CITY, today.minusYears(1), today).provisional()).isTrue();
        assertThat(fte(CITY, today.minusYears(1), today.minusDays(2)).provisional()).isFalse();
    }

    @Test
    void anUnknownServiceIsRefusedNamingTheService() {
        assertThatThrownBy(() -> fte("atlantis"))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("service"));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private KpiFigure fte(String service) {
        return fte(service, YEAR_START, YEAR_END);
    }

    private KpiFigure fte(String service, LocalDate from, LocalDate to) {
        return figure(firstTimeEntrants, service, from, to);
    }

    private KpiFigure custody(String service, LocalDate from, LocalDate to) {
        return figure(custody, service, from, to);
    }

    private KpiFigure figure(Measure measure, String service, LocalDate from, LocalDate to) {
        return calculator.compute(measure, service, from, to);
    }

    private void child(String childId, String service, LocalDate dateOfBirth) {
        apply(new ChildRegistered(childId, service, dateOfBirth, "MALE", "WHITE_BRITISH", service, null));
    }

    private String outcome(String childId, String code, LocalDate date) {
        return outcome(childId, code, date, Instant.now());
    }

    private String outcome(String childId, String code, LocalDate date, Instant recordedAt) {
        return apply(new OutcomeRecorded(childId, "offence-" + UUID.randomUUID(), code, date, null), recordedAt);
    }

    /** {@code count} children of the city, aged 15, each with a youth caution in 2023/24. */
    private void childOf(String prefix, int count, String ethnicity, String sex) {
        for (int i = 0; i < count; i++) {
            apply(new ChildRegistered(prefix + i, CITY, BORN_2008, sex, ethnicity, CITY, null), Instant.now());
            outcome(prefix + i, "YOUTH_CAUTION", LocalDate.of(2023, 6, 1).plusDays(i));
        }
    }

    private static ComparatorFigure comparator(Comparator comparator, String rate) {
        return new ComparatorFigure("first-time-entrants", CITY, comparator, YEAR_START, YEAR_END, new BigDecimal(rate),
                "test", null, null);
    }

    private static FigureQuery query(String period, Integer ruleVersion) {
        return new FigureQuery(CITY, ReportingPeriod.named(period), ruleVersion, null);
    }

    private List<String> fteAsOf(String period, LocalDate asOf) {
        return calculator.evaluate(firstTimeEntrants, new FigureQuery(CITY, ReportingPeriod.named(period), null, asOf))
                .counted().stream().map(Counted::childId).toList();
    }

    private String panelDecision(String childId, String code, LocalDate date) {
        String decisionId = "decision-" + childId;
        apply(new PanelDecisionRecorded(decisionId, "panel-1", childId, "offence-" + childId, code, date));
        return decisionId;
    }

    private String apply(IntegrationPayload payload) {
        return apply(payload, Instant.now());
    }

    /** Through the wire form and the decoder's contract lookup, as the consumer does; returns the event id. */
    private String apply(IntegrationPayload payload, Instant recordedAt) {
        IntegrationEvent event = codec.read(codec.write(codec.wrap(UUID.randomUUID().toString(),
                payload instanceof ChildRegistered c ? c.youthJusticeService() : null, recordedAt, "test",
                payload)));
        projection.apply(event, codec.payload(event).orElseThrow());
        return event.eventId();
    }
}
