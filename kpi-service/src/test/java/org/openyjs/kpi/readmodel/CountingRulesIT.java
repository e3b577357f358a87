package org.openyjs.kpi.readmodel;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.kpi.custody.UseOfCustody;
import org.openyjs.kpi.firsttimeentrants.FirstTimeEntrants;
import org.openyjs.kpi.measure.KpiFigure;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.rebuild.ReadModelReset;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        String url = postgres.newDatabase("kpi_rules");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
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

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @BeforeEach
    void emptyReadModel() {
        reset.clear();
    }

    // --- first-time entrants ---------------------------------------------------------------------

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
    void reproducesLeicesterCitysPublishedFigures() {
        // FTE 2023/24: 90 children, 220 per 100,000; 2022/23: 81, 198.
        for (int i = 0; i < 90; i++) {
            child("fte-2324-" + i, CITY, BORN_2008);
            outcome("fte-2324-" + i, "YOUTH_CAUTION", YEAR_START.plusDays(i * 4L));
        }
        for (int i = 0; i < 81; i++) {
            child("fte-2223-" + i, CITY, BORN_2008);
            outcome("fte-2223-" + i, "REFERRAL_ORDER", LocalDate.of(2022, 4, 1).plusDays(i * 4L));
        }
        // Custody 2023/24: 6 sentences, 0.15 per 1,000; 2022/23: 4, 0.10. Given to children already counted.
        for (int i = 0; i < 6; i++) {
            outcome("fte-2324-" + i, "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2023, 10, 1).plusDays(i));
        }
        for (int i = 0; i < 4; i++) {
            outcome("fte-2223-" + i, "SECTION_250_DETENTION", LocalDate.of(2022, 10, 1).plusDays(i));
        }
        LocalDate previousStart = LocalDate.of(2022, 4, 1);
        LocalDate previousEnd = LocalDate.of(2023, 3, 31);

        KpiFigure fte = fte(CITY);
        assertThat(fte).isEqualTo(new KpiFigure("first-time-entrants", 1, CITY, YEAR_START, YEAR_END, 90, 40_909,
                100_000, new BigDecimal("220"), "10-17 population 40909 (configured)", false));
        assertThat(fte(CITY, previousStart, previousEnd).rate()).isEqualTo(new BigDecimal("198"));
        KpiFigure custody = custody(CITY, YEAR_START, YEAR_END);
        assertThat(custody).isEqualTo(new KpiFigure("custody", 1, CITY, YEAR_START, YEAR_END, 6, 40_909,
                1_000, new BigDecimal("0.15"), "10-17 population 40909 (configured)", false));
        assertThat(custody(CITY, previousStart, previousEnd).rate()).isEqualTo(new BigDecimal("0.10"));
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
        apply(new ChildRegistered(childId, service, dateOfBirth, "MALE", "WHITE_BRITISH", service));
    }

    private void outcome(String childId, String code, LocalDate date) {
        apply(new OutcomeRecorded(childId, "offence-" + UUID.randomUUID(), code, date, null));
    }

    private String panelDecision(String childId, String code, LocalDate date) {
        String decisionId = "decision-" + childId;
        apply(new PanelDecisionRecorded(decisionId, "panel-1", childId, "offence-" + childId, code, date));
        return decisionId;
    }

    /** Through the wire form and the decoder's contract lookup, as the consumer does. */
    private void apply(IntegrationPayload payload) {
        IntegrationEvent event = codec.read(codec.write(codec.wrap(UUID.randomUUID().toString(),
                payload instanceof ChildRegistered c ? c.youthJusticeService() : null, Instant.now(), "test",
                payload)));
        projection.apply(event, codec.payload(event).orElseThrow());
    }
}
