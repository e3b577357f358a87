package org.openyjs.kpi.readmodel;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OrderEnded;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.StatusRecorded;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.kpi.breakdown.Breakdown;
import org.openyjs.kpi.breakdown.BreakdownCalculator;
import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.export.QuarterlyReturn;
import org.openyjs.kpi.measure.DrillDown;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.KpiFigure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.measure.YearOnYear;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Outcome corrections, reoffending, the YJB KPIs and the local measures, fed event sequences through
 * the projection into real PostgreSQL, with figures computed by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.kafka.listener.auto-startup=false")
class NewMeasuresIT {

    private static final String CITY = "leicester-city";
    /** Aged 15 throughout 2023/24. */
    private static final LocalDate BORN_2008 = LocalDate.of(2008, 3, 10);
    /** Aged 16 throughout April 2022 to June 2023. */
    private static final LocalDate BORN_2006 = LocalDate.of(2006, 1, 1);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi_new_measures");
    }

    @Autowired
    ReadModelProjection projection;
    /** While {@link #cohort} records one: the poll its events go into. */
    private ProjectionBatch poll;
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
    JdbcClient jdbc;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @BeforeEach
    void emptyReadModel() {
        reset.clear();
    }

    // --- outcome corrections -----------------------------------------------------------------------

    @Test
    void aCautionCorrectedToACommunityResolutionIsNoLongerAnEntryButWasAsOfTheDayBefore() {
        child("a", BORN_2008);
        String caution = apply(new OutcomeRecorded("a", "off-a", "YOUTH_CAUTION", LocalDate.of(2023, 5, 1), null),
                at("2023-05-02"));
        apply(new OutcomeCorrected("a", "off-a", caution, "COMMUNITY_RESOLUTION", LocalDate.of(2023, 5, 1)),
                at("2024-06-10"));

        assertThat(figure("first-time-entrants", "FY2023-24", null).numerator()).isZero();
        assertThat(figure("first-time-entrants", "FY2023-24", LocalDate.of(2024, 6, 9)).numerator())
                .as("as it stood the day before the correction").isEqualTo(1);
        assertThat(figure("first-time-entrants", "FY2023-24", LocalDate.of(2024, 6, 10)).numerator()).isZero();
        assertThat(figure("oocd-outcome-mix", "FY2023-24", null).numerator()).as("still out of court").isEqualTo(1);
    }

    @Test
    void custodyAndTheEntryDateFollowTheCorrectionAndItsOwnCorrection() {
        child("b", BORN_2008);
        String yro = apply(new OutcomeRecorded("b", "off-b", "YOUTH_REHABILITATION_ORDER", LocalDate.of(2023, 7, 1),
                null), at("2023-07-02"));
        String first = apply(new OutcomeCorrected("b", "off-b", yro, "DETENTION_AND_TRAINING_ORDER",
                LocalDate.of(2023, 7, 1)), at("2023-07-05"));
        assertThat(figure("custody", "FY2023-24", null).numerator()).isEqualTo(1);
        assertThat(figure("custody", "FY2023-24", LocalDate.of(2023, 7, 4)).numerator()).isZero();

        // A correction of the correction: the outcome was in fact given in April 2024.
        String second = apply(new OutcomeCorrected("b", "off-b", first, "DETENTION_AND_TRAINING_ORDER",
                LocalDate.of(2024, 4, 2)), at("2024-04-10"));
        assertThat(figure("custody", "FY2023-24", null).numerator()).isZero();
        assertThat(figure("custody", "FY2024-25", null).numerator()).isEqualTo(1);
        assertThat(figure("custody", "FY2023-24", LocalDate.of(2024, 4, 9)).numerator()).isEqualTo(1);
        DrillDown drill = DrillDown.of(calculator.evaluate(measures.named("first-time-entrants"), query("FY2024-25", null)));
        assertThat(drill.counted()).extracting(DrillDown.Entry::eventId, DrillDown.Entry::outcomeDate)
                .containsExactly(tuple(second, LocalDate.of(2024, 4, 2)));
        assertThat(drill.denominatorUnits()).as("a rate per population has no denominator units").isNull();
    }

    @Test
    void aCorrectionThatArrivesBeforeTheOutcomeItCorrectsStillApplies() {
        child("c", BORN_2008);
        String outcomeId = UUID.randomUUID().toString();
        apply(new OutcomeCorrected("c", "off-c", outcomeId, "NO_FURTHER_ACTION", LocalDate.of(2023, 6, 1)),
                at("2023-06-03"));
        apply(outcomeId, new OutcomeRecorded("c", "off-c", "FINE", LocalDate.of(2023, 6, 1), null), at("2023-06-02"));

        assertThat(figure("first-time-entrants", "FY2023-24", null).numerator()).isZero();
        assertThat(figure("first-time-entrants", "FY2023-24", LocalDate.of(2023, 6, 2)).numerator()).isEqualTo(1);
    }

    // --- reoffending -------------------------------------------------------------------------------

    @Test
    void reproducesThePublishedQuarterlyReoffendingCohorts() {
        // Apr-Jun 2022: 37 young people, 18 reoffenders, 119 reoffences (one with 17, seventeen with 6).
        cohort("q22", 37, LocalDate.of(2022, 4, 1), 18, i -> i == 0 ? 17 : 6);
        // Apr-Jun 2021: 26 young people, 11 reoffenders, 88 reoffences (8 each).
        cohort("q21", 26, LocalDate.of(2021, 4, 1), 11, i -> 8);

        KpiFigure binary = figure("reoffending-binary", "2022-23-Q1", null);
        assertThat(binary.numerator()).isEqualTo(18);
        assertThat(binary.denominator()).isEqualTo(37);
        assertThat(binary.rate()).isEqualTo(new BigDecimal("48.6"));
        assertThat(binary.populationBasis()).isEqualTo("children in the cohort 37");
        assertThat(binary.provisional()).isFalse();
        // "Amber-Increase - 6.34": percentage points, from the unrounded rates 48.649 and 42.308.
        assertThat(binary.sameTimeLastYear()).isEqualTo(new YearOnYear(LocalDate.of(2021, 4, 1),
                LocalDate.of(2021, 6, 30), 11, 26, new BigDecimal("42.3"), new BigDecimal("15.0"),
                new BigDecimal("6.34"), YearOnYear.Convention.PERCENTAGE_POINTS));

        KpiFigure frequency = figure("reoffending-frequency", "2022-23-Q1", null);
        assertThat(frequency.numerator()).isEqualTo(119);
        assertThat(frequency.denominator()).isEqualTo(18);
        assertThat(frequency.rate()).isEqualTo(new BigDecimal("6.61"));
        assertThat(frequency.sameTimeLastYear().rate()).isEqualTo(new BigDecimal("8.00"));
        // The seeds print "Decrease - 17.45 %", which their own figures do not give: 6.611 / 8.000 is -17.36%.
        assertThat(frequency.sameTimeLastYear().changePercent()).isEqualTo(new BigDecimal("-17.4"));

        KpiFigure perChild = figure("reoffending-per-child", "2022-23-Q1", null);
        assertThat(perChild.rate()).isEqualTo(new BigDecimal("3.22"));
        assertThat(perChild.sameTimeLastYear().rate()).isEqualTo(new BigDecimal("3.38"));
        assertThat(perChild.sameTimeLastYear().numerator()).isEqualTo(88);
        assertThat(perChild.sameTimeLastYear().denominator()).isEqualTo(26);
        assertThat(perChild.ruleVersion()).isEqualTo(1);

        Breakdown bySex = breakdowns.breakdown(measures.named("reoffending-binary"), query("2022-23-Q1", null),
                Dimension.SEX);
        assertThat(bySex.groups()).containsExactly(new Breakdown.Group("FEMALE", 0, null, null, null),
                new Breakdown.Group("MALE", 18, 37L, new BigDecimal("48.6"), null));
    }

    @Test
    void reproducesThePublishedTwelveMonthReoffendingCohorts() {
        // Jul 2021 - Jun 2022: 128 young people, 50 reoffenders, 289 reoffences (39 with 6, 11 with 5).
        cohort("y22", 128, LocalDate.of(2021, 7, 1), 50, i -> i < 39 ? 6 : 5);
        // Jul 2020 - Jun 2021: 138 young people, 49 reoffenders, 326 reoffences (32 with 7, 17 with 6).
        cohort("y21", 138, LocalDate.of(2020, 7, 1), 49, i -> i < 32 ? 7 : 6);

        KpiFigure binary = figure("reoffending-binary", "R12-2022-06", null);
        assertThat(List.of(binary.numerator(), binary.denominator())).containsExactly(50L, 128L);
        assertThat(binary.rate()).isEqualTo(new BigDecimal("39.1"));
        assertThat(binary.provisional()).isFalse();
        // "RED - Increased by 3.56": percentage points, from the unrounded rates 39.063 and 35.507.
        assertThat(binary.sameTimeLastYear()).isEqualTo(new YearOnYear(LocalDate.of(2020, 7, 1),
                LocalDate.of(2021, 6, 30), 49, 138, new BigDecimal("35.5"), new BigDecimal("10.0"),
                new BigDecimal("3.56"), YearOnYear.Convention.PERCENTAGE_POINTS));

        KpiFigure frequency = figure("reoffending-frequency", "R12-2022-06", null);
        assertThat(List.of(frequency.numerator(), frequency.denominator())).containsExactly(289L, 50L);
        assertThat(frequency.rate()).isEqualTo(new BigDecimal("5.78"));
        assertThat(frequency.sameTimeLastYear().rate()).isEqualTo(new BigDecimal("6.65"));
        // "Amber - Decrease by -13.1 %": a relative change, 5.780 against 6.653.
        assertThat(frequency.sameTimeLastYear().changePercent()).isEqualTo(new BigDecimal("-13.1"));
        assertThat(frequency.sameTimeLastYear().convention()).isEqualTo(YearOnYear.Convention.RELATIVE_PERCENT);

        // Not published for these cohorts: 289 / 128 and 326 / 138.
        KpiFigure perChild = figure("reoffending-per-child", "R12-2022-06", null);
        assertThat(perChild.rate()).isEqualTo(new BigDecimal("2.26"));
        assertThat(perChild.sameTimeLastYear().rate()).isEqualTo(new BigDecimal("2.36"));
    }

    @Test
    void reoffendingCountsOffencesCommittedWithin12MonthsAndProvenWithin18() {
        LocalDate index = LocalDate.of(2022, 5, 10);
        child("r", BORN_2006);
        outcome("r", "idx", "YOUTH_CAUTION", index, null);
        // Counted: committed the day after, proven by a referral order (and a second outcome for the same offence).
        outcome("r", "o1", "REFERRAL_ORDER", LocalDate.of(2022, 8, 1), index.plusDays(1));
        outcome("r", "o1", "FINE", LocalDate.of(2022, 9, 1), null);
        // Counted: committed on the last day of the 12 months, proven on the last day of the 18.
        outcome("r", "o2", "FINE", index.plusMonths(18), index.plusMonths(12));
        // Not: committed a day too late; proven a day too late; committed before the index date;
        // a community resolution is not a proven outcome.
        outcome("r", "o3", "FINE", index.plusMonths(13), index.plusMonths(12).plusDays(1));
        outcome("r", "o4", "FINE", index.plusMonths(18).plusDays(1), index.plusMonths(3));
        outcome("r", "o5", "FINE", index.plusMonths(2), index.minusDays(20));
        outcome("r", "o6", "COMMUNITY_RESOLUTION", index.plusMonths(2), index.plusMonths(1));
        // Aged 18 on the index date: not in the youth cohort.
        child("adult", LocalDate.of(2004, 5, 1));
        outcome("adult", "idx-adult", "YOUTH_CAUTION", index, null);
        // A community resolution alone does not put a child in the cohort.
        child("cr", BORN_2006);
        outcome("cr", "idx-cr", "COMMUNITY_RESOLUTION", index, null);

        KpiFigure frequency = figure("reoffending-frequency", "2022-23-Q1", null);
        assertThat(frequency.numerator()).as("o1 once, o2").isEqualTo(2);
        assertThat(frequency.denominator()).isEqualTo(1);
        assertThat(figure("reoffending-binary", "2022-23-Q1", null).denominator()).isEqualTo(1);
        assertThat(figure("reoffending-binary", "R12-2022-06", null).denominator()).as("12-month cohort").isEqualTo(1);
        assertThat(figure("reoffending-frequency", "2022-23-Q1", LocalDate.of(2023, 12, 31)).numerator())
                .as("as of a day before any of it was recorded").isZero();
        DrillDown drill = DrillDown.of(calculator.evaluate(measures.named("reoffending-binary"), query("2022-23-Q1", null)));
        assertThat(drill.denominator()).isEqualTo(1);
        assertThat(drill.denominatorUnits()).extracting(DrillDown.Entry::childId, DrillDown.Entry::outcomeDate)
                .containsExactly(tuple("r", index));
    }

    @Test
    void aReoffendingCohortIsProvisionalUntil18MonthsAfterItsPeriod() {
        LocalDate lastQuarterEnd = LocalDate.now().withDayOfMonth(1).minusDays(1);
        ReportingPeriod recent = new ReportingPeriod(lastQuarterEnd.minusMonths(3).plusDays(1), lastQuarterEnd);
        assertThat(calculator.compute(measures.named("reoffending-binary"), new FigureQuery(CITY, recent, null, null))
                .provisional()).isTrue();
        assertThat(figure("reoffending-binary", "2022-23-Q1", null).provisional()).isFalse();
        assertThat(figure("reoffending-binary", "2022-23-Q1", LocalDate.of(2023, 12, 30)).provisional())
                .as("2022-06-30 + 18 months: still waiting for outcomes").isTrue();
        assertThat(figure("reoffending-binary", "2022-23-Q1", null).rate()).as("an empty cohort has no rate").isNull();
    }

    // --- YJB KPIs ----------------------------------------------------------------------------------

    @Test
    void accommodationCountsOrdersEndedUnderEitherWordingOfTheRule() {
        child("k", BORN_2008);
        ended("k", "prev-1", "PREVENTION", "COMPLETED", LocalDate.of(2023, 4, 1));   // first day of the year
        endStatus("k", "prev-1", true, null);
        ended("k", "ro-1", "COMMUNITY", "COMPLETED", LocalDate.of(2024, 3, 31));     // last day
        endStatus("k", "ro-1", false, null);
        endStatus("k", "ro-1", true, null);                                         // supersedes: suitable
        ended("k", "dto-1", "CUSTODY", "COMPLETED", LocalDate.of(2023, 9, 1));      // no END status: not suitable
        ended("k", "ooc-1", "OUT_OF_COURT", "REVOKED", LocalDate.of(2024, 4, 1));   // the next year
        endStatus("k", "ooc-1", true, null);

        KpiFigure current = figure("yjb-kpi-1-accommodation", "FY2023-24", null);
        assertThat(current.ruleVersion()).isEqualTo(2);
        assertThat(current.numerator()).isEqualTo(2);
        assertThat(current.denominator()).isEqualTo(3);
        assertThat(current.rate()).isEqualTo(new BigDecimal("66.7"));
        assertThat(current.populationBasis()).isEqualTo("orders ended in the period 3");
        KpiFigure earlier = calculator.compute(measures.named("yjb-kpi-1-accommodation"), query("FY2023-24", 1));
        assertThat(earlier.numerator()).as("community and custody only").isEqualTo(1);
        assertThat(earlier.denominator()).isEqualTo(2);
        assertThat(calculator.compute(measures.named("yjb-kpi-1-accommodation"), query("FY2022-23", null))
                .ruleVersion()).as("the earlier wording in force before April 2023").isEqualTo(1);
        assertThatThrownBy(() -> figure("yjb-kpi-6-out-of-court", "FY2021-22", null))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void ordersOfTwoChildrenWithTheSameOrderIdAreCountedApart() {
        // Each case numbers its own orders: both children have an "ord1". Keyed by order id alone, the
        // second overwrote the first (found by deploy/local's fault-injection oracle).
        child("m", BORN_2008);
        child("n", BORN_2008);
        ended("m", "ord1", "COMMUNITY", "COMPLETED", LocalDate.of(2023, 6, 1));
        endStatus("m", "ord1", true, null);
        ended("n", "ord1", "COMMUNITY", "COMPLETED", LocalDate.of(2023, 9, 1));
        endStatus("n", "ord1", false, null);

        // Two orders ended, one (m's) in suitable accommodation: 1 / 2. n's unsuitable status must not
        // be read as m's.
        KpiFigure figure = figure("yjb-kpi-1-accommodation", "FY2023-24", null);
        assertThat(figure.denominator()).isEqualTo(2);
        assertThat(figure.numerator()).isEqualTo(1);
        assertThat(DrillDown.of(calculator.evaluate(measures.named("yjb-kpi-1-accommodation"), query("FY2023-24", null)))
                .counted()).extracting(DrillDown.Entry::childId).containsExactly("m");
    }

    @Test
    void theMentalHealthFunnelOutOfCourtCompletionAndWiderServices() {
        child("m", BORN_2008);
        LocalDate end = LocalDate.of(2023, 10, 1);
        String[] orders = {"o1", "o2", "o3", "o4"};
        for (String order : orders) {
            ended("m", order, "OUT_OF_COURT", order.equals("o4") ? "BREACHED" : "COMPLETED", end);
        }
        // need, planned, attending: o1 all three; o2 need and planned; o3 need only; o4 none.
        status("m", "o1", true, new StatusRecorded.Need(true, true, true), wider(true));
        status("m", "o2", true, new StatusRecorded.Need(true, true, false), wider(false));
        status("m", "o3", true, new StatusRecorded.Need(true, false, false), wider(false));
        status("m", "o4", true, new StatusRecorded.Need(false, false, false), wider(false));

        assertThat(rate("yjb-kpi-4-mental-health-need")).containsExactly(3L, 4L);
        assertThat(rate("yjb-kpi-4-mental-health-planned")).containsExactly(2L, 3L);
        assertThat(rate("yjb-kpi-4-mental-health-attending")).containsExactly(1L, 2L);
        assertThat(rate("yjb-kpi-5-substance-misuse-need")).containsExactly(0L, 4L);
        assertThat(rate("yjb-kpi-6-out-of-court")).containsExactly(3L, 4L);
        assertThat(rate("yjb-kpi-7-wider-services")).containsExactly(1L, 4L);
        assertThat(figure("yjb-kpi-6-out-of-court", "FY2023-24", null).rate()).isEqualTo(new BigDecimal("75.0"));
    }

    /**
     * KPIs 2, 3 and 5 (and 4 under the earlier wording): every kind of order ended in the year counts now; the
     * earlier wording counted community and custodial orders only. Orders ending on the year's last day count, the
     * day after do not; an order ended without an END status is in "orders ended" but has no answer.
     */
    @Test
    void eteSendAndSubstanceMisuseUnderTheCurrentAndTheEarlierWording() {
        child("s", BORN_2008);
        // At the end: suitable ETE; SEND need, formal plan; mental health and substance misuse need, planned, attending.
        endedWith("c1", "COMMUNITY", "2023-06-01", "ete send plan | mh: need planned attending | sm: need planned attending");
        endedWith("c2", "CUSTODY", "2023-09-01", "send | mh: need | sm: need planned");
        endedWith("p1", "PREVENTION", "2023-10-01", "ete | mh: need planned | sm: need");
        endedWith("o1", "OUT_OF_COURT", "2024-03-31", "ete send plan | mh: | sm:");
        ended("s", "o2", "OUT_OF_COURT", "REVOKED", LocalDate.of(2023, 12, 1));            // no END status
        endedWith("c3", "COMMUNITY", "2024-04-01", "ete send plan | mh: need planned attending | sm: need planned attending");

        // Now (v2), five orders ended: c1, c2, p1, o1, o2.
        assertThat(rate("yjb-kpi-2-ete")).as("suitable ETE: c1, p1, o1").containsExactly(3L, 5L);
        assertThat(rate("yjb-kpi-3-send")).as("a formal plan (c1, o1) of a need (c1, c2, o1)").containsExactly(2L, 3L);
        assertThat(rate("yjb-kpi-5-substance-misuse-need")).as("c1, c2, p1").containsExactly(3L, 5L);
        assertThat(rate("yjb-kpi-5-substance-misuse-planned")).as("c1, c2 of the need").containsExactly(2L, 3L);
        assertThat(rate("yjb-kpi-5-substance-misuse-attending")).as("c1 of the planned").containsExactly(1L, 2L);
        assertThat(figure("yjb-kpi-2-ete", "FY2023-24", null).rate()).isEqualTo(new BigDecimal("60.0"));
        assertThat(figure("yjb-kpi-3-send", "FY2023-24", null).populationBasis())
                .isEqualTo("orders ended with an identified SEND need 3");

        // The earlier wording: c1 and c2 only.
        assertThat(earlier("yjb-kpi-2-ete")).containsExactly(1L, 2L);
        assertThat(earlier("yjb-kpi-3-send")).containsExactly(1L, 2L);
        assertThat(earlier("yjb-kpi-4-mental-health-need")).containsExactly(2L, 2L);
        assertThat(earlier("yjb-kpi-4-mental-health-planned")).containsExactly(1L, 2L);
        assertThat(earlier("yjb-kpi-4-mental-health-attending")).containsExactly(1L, 1L);
        assertThat(earlier("yjb-kpi-5-substance-misuse-need")).containsExactly(2L, 2L);
        assertThat(earlier("yjb-kpi-5-substance-misuse-planned")).containsExactly(2L, 2L);
        assertThat(earlier("yjb-kpi-5-substance-misuse-attending")).containsExactly(1L, 2L);
        for (String measure : List.of("yjb-kpi-2-ete", "yjb-kpi-3-send", "yjb-kpi-4-mental-health-need",
                "yjb-kpi-5-substance-misuse-need")) {
            assertThat(calculator.compute(measures.named(measure), query("FY2022-23", null)).ruleVersion())
                    .as(measure + ": the earlier wording in force before April 2023").isEqualTo(1);
        }
    }

    @Test
    void victimsContactedCountOncePerVictimByTheirLastContact() {
        child("v", BORN_2008);
        victim("v", "victim-1", LocalDate.of(2023, 5, 1), "DECLINED", false, false);
        victim("v", "victim-1", LocalDate.of(2023, 6, 1), "VIEWS_GIVEN", true, true);
        victim("v", "victim-2", LocalDate.of(2023, 7, 1), "VIEWS_GIVEN", true, false);
        victim("v", "victim-3", LocalDate.of(2023, 8, 1), "NOT_CONTACTABLE", false, false);

        assertThat(rate("yjb-kpi-10-victims-consented")).containsExactly(2L, 3L);
        assertThat(rate("yjb-kpi-10-victims-views-sought")).containsExactly(2L, 3L);
        assertThat(rate("yjb-kpi-10-victims-rj-offered")).containsExactly(1L, 3L);
        assertThatThrownBy(() -> breakdowns.breakdown(measures.named("yjb-kpi-10-victims-consented"),
                query("FY2023-24", null), Dimension.SEX))
                .as("a victim is not a child: no breakdown by the child's characteristics")
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("by"));
    }

    // --- local measures ----------------------------------------------------------------------------

    @Test
    void theOutOfCourtMixIsABreakdownByOutcomeCode() {
        child("x", BORN_2008);
        outcome("x", "x1", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 5, 1), null);
        outcome("x", "x2", "COMMUNITY_RESOLUTION", LocalDate.of(2023, 6, 1), null);
        outcome("x", "x3", "OUTCOME_22", LocalDate.of(2023, 7, 1), null);
        outcome("x", "x4", "YOUTH_CAUTION", LocalDate.of(2023, 8, 1), null);
        outcome("x", "x5", "REFERRAL_ORDER", LocalDate.of(2023, 9, 1), null);

        KpiFigure mix = figure("oocd-outcome-mix", "FY2023-24", null);
        assertThat(List.of(mix.numerator(), mix.denominator())).containsExactly(4L, 5L);
        assertThat(mix.rate()).isEqualTo(new BigDecimal("80.0"));
        Breakdown byCode = breakdowns.breakdown(measures.named("oocd-outcome-mix"), query("FY2023-24", null),
                Dimension.OUTCOME_CODE);
        assertThat(byCode.groups()).containsExactly(
                new Breakdown.Group("COMMUNITY_RESOLUTION", 2, 4L, new BigDecimal("50.0"), null),
                new Breakdown.Group("OUTCOME_22", 1, 4L, new BigDecimal("25.0"), null),
                new Breakdown.Group("YOUTH_CAUTION", 1, 4L, new BigDecimal("25.0"), null));
    }

    @Test
    void panelTimelinessCountsWorkingDaysSkippingWeekendsAndBankHolidays() {
        child("p", BORN_2008);
        // Referred Thursday 6 April 2023: Good Friday 7 April, Easter Monday 10 April and Monday 1 May are bank
        // holidays, so the 15th working day after is Tuesday 2 May.
        referral("p", "p1", LocalDate.of(2023, 4, 6));
        decision("p", "p1", LocalDate.of(2023, 5, 2));
        referral("p", "p2", LocalDate.of(2023, 4, 6));
        decision("p", "p2", LocalDate.of(2023, 5, 3));   // the 16th
        decision("p", "no-referral", LocalDate.of(2023, 5, 2));

        assertThat(rate("panel-timeliness")).containsExactly(1L, 2L);
    }

    @Test
    void eteAtTheEndOfStatutoryOrdersSplitsSchoolAgeFromAbove() {
        child("e", BORN_2008);
        ended("e", "ro", "COMMUNITY", "COMPLETED", LocalDate.of(2023, 6, 1), "REFERRAL_ORDER");
        eteStatus("e", "ro", true, "FULL_TIME");
        ended("e", "yro", "COMMUNITY", "COMPLETED", LocalDate.of(2023, 7, 1), "YOUTH_REHABILITATION_ORDER");
        eteStatus("e", "yro", true, "PART_TIME");
        ended("e", "dto", "CUSTODY", "COMPLETED", LocalDate.of(2023, 8, 1), "DETENTION_AND_TRAINING_ORDER");
        eteStatus("e", "dto", false, "FULL_TIME");
        ended("e", "prev", "PREVENTION", "COMPLETED", LocalDate.of(2023, 8, 1), "PREVENTION_INTERVENTION");
        eteStatus("e", "prev", false, "FULL_TIME");

        assertThat(rate("ete-statutory-orders")).containsExactly(2L, 3L);
        assertThat(rate("ete-statutory-orders-school-age")).containsExactly(1L, 2L);
        assertThat(rate("ete-statutory-orders-above-school-age")).containsExactly(1L, 1L);
    }

    // --- every measure through the shared machinery ---------------------------------------------------

    @Test
    void everyMeasureHasARuleAFigureADrillDownAndExportRowsAndARebuildEmptiesTheNewFacts() {
        child("z", BORN_2008);
        ended("z", "z1", "COMMUNITY", "COMPLETED", LocalDate.of(2023, 6, 1));
        endStatus("z", "z1", true, null);
        victim("z", "victim", LocalDate.of(2023, 6, 1), "VIEWS_GIVEN", true, true);
        for (var measure : measures.all()) {
            KpiFigure f = calculator.compute(measure, query("FY2023-24", null));
            assertThat(f.measure()).isEqualTo(measure.name());
            DrillDown d = DrillDown.of(calculator.evaluate(measure, query("FY2023-24", null)));
            assertThat(d.counted()).hasSize((int) f.numerator());
        }
        String csv = quarterlyReturn.csv(query("FY2023-24", null));
        assertThat(csv).contains("yjb-kpi-1-accommodation,2,leicester-city,FY2023-24,2023-04-01,2024-03-31,,all,ALL,1,1,100,100.0,")
                .contains("yjb-kpi-10-victims-consented,2,").contains("reoffending-binary,2,");
        assertThat(quarterlyReturn.csv(query("FY2021-22", null))).as("no YJB KPI rule in force before April 2022")
                .doesNotContain("yjb-kpi-6-out-of-court");

        reset.clear();
        for (String table : List.of("kpi_outcome_correction", "kpi_order", "kpi_status", "kpi_victim_contact",
                "kpi_oocd_referral")) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()).as(table).isZero();
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    private List<Long> rate(String measure) {
        KpiFigure f = figure(measure, "FY2023-24", null);
        return List.of(f.numerator(), f.denominator());
    }

    /** FY2023-24 under the earlier wording (rule version 1). */
    private List<Long> earlier(String measure) {
        KpiFigure f = calculator.compute(measures.named(measure), query("FY2023-24", 1));
        assertThat(f.ruleVersion()).isEqualTo(1);
        return List.of(f.numerator(), f.denominator());
    }

    private KpiFigure figure(String measure, String period, LocalDate asOf) {
        return calculator.compute(measures.named(measure), new FigureQuery(CITY, ReportingPeriod.named(period), null, asOf));
    }

    private static FigureQuery query(String period, Integer ruleVersion) {
        return new FigureQuery(CITY, ReportingPeriod.named(period), ruleVersion, null);
    }

    private static Instant at(String day) {
        return LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private void cohort(String prefix, int size, LocalDate start, int reoffenders,
                        java.util.function.IntUnaryOperator reoffences) {
        // The cohort's thousand-odd events as one poll, as the consumer applies a poll: one write per table and one
        // refresh of the precomputed tables, rather than one of each per event.
        poll = projection.batch();
        try {
            for (int i = 0; i < size; i++) {
                String child = prefix + "-" + i;
                LocalDate index = start.plusDays(i * 2L);
                child(child, BORN_2006);
                outcome(child, child + "-index", "YOUTH_CAUTION", index, index.minusDays(7));
                for (int k = 0; i < reoffenders && k < reoffences.applyAsInt(i); k++) {
                    LocalDate committed = index.plusDays(10 + k * 5L);
                    outcome(child, child + "-re-" + k, "REFERRAL_ORDER", committed.plusDays(30), committed);
                }
            }
            poll.flushSkippingStored();
        } finally {
            poll = null;
        }
    }

    private void child(String childId, LocalDate dateOfBirth) {
        apply(new ChildRegistered(childId, CITY, dateOfBirth, "MALE", "WHITE_BRITISH", CITY, null), Instant.now());
    }

    /** An offence (when committed is given) and an outcome for it. */
    private String outcome(String childId, String offenceId, String code, LocalDate date, LocalDate committed) {
        if (committed != null) {
            apply(new OffenceRecorded(childId, offenceId, committed, "THEFT", 2, true), Instant.now());
        }
        return apply(new OutcomeRecorded(childId, offenceId, code, date, null), Instant.now());
    }

    private void ended(String childId, String orderId, String kind, String reason, LocalDate endDate) {
        ended(childId, orderId, kind, reason, endDate, kind + "_ORDER");
    }

    private void ended(String childId, String orderId, String kind, String reason, LocalDate endDate, String type) {
        apply(new OrderEnded(childId, orderId, type, kind, endDate, reason), Instant.now());
    }

    private void endStatus(String childId, String orderId, boolean accommodation, StatusRecorded.Need mentalHealth) {
        status(childId, orderId, accommodation, mentalHealth, null);
    }

    private void status(String childId, String orderId, boolean accommodation, StatusRecorded.Need mentalHealth,
                        StatusRecorded.WiderServices wider) {
        apply(new StatusRecorded(childId, orderId, "END", LocalDate.of(2023, 1, 1),
                new StatusRecorded.Accommodation(accommodation, "FAMILY_HOME"), null, null, mentalHealth,
                new StatusRecorded.Need(false, false, false), wider), Instant.now());
    }

    /**
     * Child s's order ended (COMPLETED) on the day, and its END status from a few words: {@code ete} suitable, {@code
     * send} an identified need, {@code plan} a formal plan, then the mental health ({@code mh:}) and substance misuse
     * ({@code sm:}) funnels' {@code need}, {@code planned} and {@code attending}.
     */
    private void endedWith(String orderId, String kind, String endDate, String answers) {
        ended("s", orderId, kind, "COMPLETED", LocalDate.parse(endDate));
        String[] parts = answers.split("\\|");
        List<String> general = List.of(parts[0].trim().split(" "));
        boolean ete = general.contains("ete");
        apply(new StatusRecorded("s", orderId, "END", LocalDate.of(2023, 1, 1), null,
                new StatusRecorded.Ete(true, 25, 25, ete ? "FULL_TIME" : "NEET", ete),
                new StatusRecorded.Send(general.contains("send"), general.contains("plan")),
                funnel(parts[1]), funnel(parts[2]), null), Instant.now());
    }

    private static StatusRecorded.Need funnel(String answers) {
        List<String> said = List.of(answers.substring(answers.indexOf(':') + 1).trim().split(" "));
        return new StatusRecorded.Need(said.contains("need"), said.contains("planned"), said.contains("attending"));
    }

    private void eteStatus(String childId, String orderId, boolean schoolAge, String status) {
        apply(new StatusRecorded(childId, orderId, "END", LocalDate.of(2023, 1, 1), null,
                new StatusRecorded.Ete(schoolAge, 25, 25, status, true), null, null, null, null), Instant.now());
    }

    private static StatusRecorded.WiderServices wider(boolean childProtection) {
        return new StatusRecorded.WiderServices(false, childProtection, false, false);
    }

    private void victim(String childId, String victimId, LocalDate on, String result, boolean consented, boolean rj) {
        apply(new VictimContactRecorded(childId, "off", victimId, on, result, consented, rj, null, null, null), Instant.now());
    }

    private void referral(String childId, String offenceId, LocalDate on) {
        apply(new ReferredToOutOfCourtPanel(childId, offenceId, on, 2, true), Instant.now());
    }

    private void decision(String childId, String offenceId, LocalDate on) {
        apply(new PanelDecisionRecorded("decision-" + offenceId, "panel", childId, offenceId, "YOUTH_CAUTION", on),
                Instant.now());
    }

    private String apply(IntegrationPayload payload, Instant recordedAt) {
        return apply(UUID.randomUUID().toString(), payload, recordedAt);
    }

    /** Through the wire form and the decoder's contract lookup, as the consumer does; returns the event id. */
    private String apply(String eventId, IntegrationPayload payload, Instant recordedAt) {
        IntegrationEvent event = codec.read(codec.write(codec.wrap(eventId,
                payload instanceof ChildRegistered c ? c.youthJusticeService() : null, recordedAt, "test", payload)));
        if (poll != null) {
            poll.add(event, codec.payload(event).orElseThrow());
        } else {
            projection.apply(event, codec.payload(event).orElseThrow());
        }
        return event.eventId();
    }
}
