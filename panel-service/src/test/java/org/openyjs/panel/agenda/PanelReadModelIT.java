package org.openyjs.panel.agenda;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openyjs.panel.agenda.AgendaQueries.AgendaItem;
import org.openyjs.panel.agenda.AgendaQueries.CaseSummary;
import org.openyjs.panel.api.PanelCommands.Attendee;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.panel.api.ReferralEvents.AssessmentNoted;
import org.openyjs.panel.api.ReferralEvents.CarriedOver;
import org.openyjs.panel.api.ReferralEvents.ConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.PlacedOnAgenda;
import org.openyjs.panel.api.ReferralEvents.QuorumOverridden;
import org.openyjs.panel.api.ReferralEvents.ReferralClosedByOutcomeElsewhere;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;
import org.openyjs.panel.api.ReferralEvents.ScrutinyFindingRecorded;
import org.openyjs.panel.api.ReferralEvents.SelectedForScrutiny;
import org.openyjs.panel.api.ReferralEvents.VictimContactNoted;
import org.openyjs.panel.reports.PanelReports;
import org.openyjs.panel.reports.PanelReports.DecisionsByOutcome;
import org.openyjs.panel.reports.PanelReports.Override;
import org.openyjs.panel.reports.PanelReports.ScrutinySample;
import org.openyjs.panel.reports.PanelReports.Timeliness;
import org.openyjs.panel.timeliness.DecisionDeadline;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chair's read models (agenda, decisions by outcome and period, timeliness, overrides, scrutiny)
 * projected on real PostgreSQL from a hand-written sequence of panel events, checked against figures
 * worked out by hand, April and May 2025, England and Wales bank holidays (18 and 21 April, 5 May):
 * <pre>
 * r1 city   referred Tue 1 Apr,  due Thu 24 Apr; decided Wed 23 Apr:  14 working days, in time
 *           YOUTH_CAUTION, at panel p1 on the chair's quorum override
 * r2 city   referred Mon 7 Apr,  due Wed 30 Apr; decided Wed 7 May:   19 working days, late
 *           OUTCOME_22, amended to OUTCOME_21
 * r3 city   referred Mon 14 Apr, due Thu 8 May;  decided Wed 23 Apr:   5 working days, in time
 *           YOUTH_CONDITIONAL_CAUTION on an assessment override; conditions ended 23 July, not recorded
 * r4 county referred Tue 1 Apr; decided Wed 23 Apr, 14 working days, in time, NO_FURTHER_ACTION
 * r5 city   referred Tue 1 Apr, overdue 25 Apr, carried over from p1 to p2, undecided
 * r6 city   referred Tue 1 Apr, overdue 25 Apr, then withdrawn
 * r7 city   referred Tue 1 Apr, listed at p3, closed: a community resolution given outside the panel
 * r8 county referred Tue 1 Apr, reached panel-service just now (imported): within its late-referral grace
 * </pre>
 * City, April: 2 decisions. City, April to May: 3 (one each of OUTCOME_21, YOUTH_CAUTION,
 * YOUTH_CONDITIONAL_CAUTION), 2 in time: a share of 0.667, on average (14 + 19 + 5) / 3 = 12.7 working
 * days; 1 case overdue now (r5; r6 is withdrawn). Partnership, April to May: 4 decisions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Not shared with another class: closed while its database is still up, so the JVM exits promptly.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelReadModelIT {

    private static final String CITY = "test-city";
    private static final String COUNTY = "test-county";
    private static final LocalDate APR_1 = LocalDate.of(2025, 4, 1);
    private static final LocalDate APR_7 = LocalDate.of(2025, 4, 7);
    private static final LocalDate APR_14 = LocalDate.of(2025, 4, 14);
    private static final LocalDate APR_23 = LocalDate.of(2025, 4, 23);
    private static final LocalDate APR_24 = LocalDate.of(2025, 4, 24);
    private static final LocalDate APR_30 = LocalDate.of(2025, 4, 30);
    private static final LocalDate MAY_7 = LocalDate.of(2025, 5, 7);
    private static final LocalDate MAY_8 = LocalDate.of(2025, 5, 8);
    private static final LocalDate JULY_23 = LocalDate.of(2025, 7, 23);
    /** When the referrals reached panel-service: long ago, so none is within its late-referral grace. */
    private static final Instant RECEIVED_AT = Instant.parse("2025-04-01T09:00:00Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_read_model");
    }

    @Autowired
    PanelReadModelProjection projection;
    @Autowired
    AgendaQueries agenda;
    @Autowired
    PanelReports reports;
    @Autowired
    DecisionDeadline deadline;

    @BeforeAll
    void project() {
        projection.on(new MeetingScheduled("p1", APR_23));
        projection.on(new MeetingScheduled("p2", APR_30));
        projection.on(new AttendanceRecorded("p1", List.of(new Attendee("YOUTH_JUSTICE_SERVICE", "CHAIR"),
                new Attendee("YOUTH_JUSTICE_SERVICE", "CASE_MANAGER")), false,
                List.of("at least 3 attendees (2 present)", "someone from POLICE")));

        projection.on(received("r1", CITY, APR_1, APR_24), RECEIVED_AT);
        projection.on(new AssessmentNoted("r1", "a1", "ASSET_PLUS", APR_14, LocalDate.of(2025, 4, 15)));
        projection.on(new VictimContactNoted("r1", "v1", APR_14, "DECLINED", false, true));
        projection.on(new PlacedOnAgenda("r1", "p1", APR_23));
        projection.on(new QuorumOverridden("r1", "d1", "p1", APR_23,
                List.of("at least 3 attendees (2 present)", "someone from POLICE"), "police view in writing"));
        projection.on(decided("r1", "d1", "p1", CITY, "YOUTH_CAUTION", APR_23, null, null, 14, true));
        projection.on(new SelectedForScrutiny("r1", "d1", "YOUTH_CAUTION", List.of("CHAIR_OVERRIDE")),
                Instant.parse("2025-04-23T14:00:00Z"));

        projection.on(received("r2", CITY, APR_7, APR_30), RECEIVED_AT);
        projection.on(new PlacedOnAgenda("r2", "p-may", MAY_7));
        projection.on(decided("r2", "d2", "p-may", CITY, "OUTCOME_22", MAY_7, null, null, 19, false));
        projection.on(new DecisionAmended("r2", "am2", "d2", "p-may", "c-r2", "o1", CITY, "OUTCOME_21",
                LocalDate.of(2025, 5, 12), 2, "r", null, null, null, List.of(), null, "child now admits the offence"));

        projection.on(received("r3", CITY, APR_14, MAY_8), RECEIVED_AT);
        projection.on(new PlacedOnAgenda("r3", "p1", APR_23));
        projection.on(decided("r3", "d3", "p1", CITY, "YOUTH_CONDITIONAL_CAUTION", APR_23,
                "QA manager absent", JULY_23, 5, true));
        projection.on(new SelectedForScrutiny("r3", "d3", "YOUTH_CONDITIONAL_CAUTION",
                List.of("OUTCOME_YOUTH_CONDITIONAL_CAUTION", "CHAIR_OVERRIDE")), Instant.parse("2025-04-23T15:00:00Z"));
        projection.on(new ScrutinyFindingRecorded("r3", "d3", "LEARNING_POINT", "QA cover", LocalDate.of(2025, 6, 4)));
        projection.on(new ConditionsEndDatePassed("r3", "d3", CITY, JULY_23));

        projection.on(received("r4", COUNTY, APR_1, APR_24), RECEIVED_AT);
        projection.on(new PlacedOnAgenda("r4", "p1", APR_23));
        projection.on(decided("r4", "d4", "p1", COUNTY, "NO_FURTHER_ACTION", APR_23, null, null, 14, true));

        projection.on(received("r5", CITY, APR_1, APR_24), RECEIVED_AT);
        projection.on(new PlacedOnAgenda("r5", "p1", APR_23));
        projection.on(new DecisionOverdue("r5", CITY, APR_24));
        projection.on(new CarriedOver("r5", "p1", "p2", APR_30, "victim's views awaited"));

        projection.on(received("r6", CITY, APR_1, APR_24), RECEIVED_AT);
        projection.on(new DecisionOverdue("r6", CITY, APR_24));
        projection.on(new ReferralWithdrawn("r6", null, "no longer suitable", LocalDate.of(2025, 4, 28)));
        // r7 was listed, then the police gave a community resolution themselves: closed, off the lists.
        projection.on(received("r7", CITY, APR_1, APR_24), RECEIVED_AT);
        projection.on(new PlacedOnAgenda("r7", "p3", MAY_7));
        projection.on(new ReferralClosedByOutcomeElsewhere("r7", "c-r7", "o1", CITY, "p3", "COMMUNITY_RESOLUTION",
                APR_14));
        // r8 arrived just now, already past its due date (imported): within its grace, the sweep leaves it alone.
        projection.on(received("r8", COUNTY, APR_1, APR_24), Instant.now());
    }

    private static ReferralReceived received(String referral, String service, LocalDate on, LocalDate due) {
        return new ReferralReceived(referral, "c-" + referral, "o1", service, on, 2, true, due);
    }

    private static DecisionRecorded decided(String referral, String decision, String panel, String service,
                                            String outcome, LocalDate on, String assessmentOverride,
                                            LocalDate conditionsEnd, int workingDaysTaken, boolean inTime) {
        return new DecisionRecorded(referral, decision, panel, "c-" + referral, "o1", service, outcome, on, 2, "r",
                null, null, assessmentOverride, conditionsEnd == null ? List.of() : List.of("Attend 4 sessions"),
                conditionsEnd, workingDaysTaken, inTime);
    }

    @Test
    void the_hand_worked_working_days_are_the_service_s_own() {
        assertThat(deadline.due(APR_1)).isEqualTo(APR_24);
        assertThat(deadline.due(APR_7)).isEqualTo(APR_30);
        assertThat(deadline.due(APR_14)).isEqualTo(MAY_8);
        assertThat(deadline.workingDaysTaken(APR_1, APR_23)).isEqualTo(14);
        assertThat(deadline.workingDaysTaken(APR_7, MAY_7)).isEqualTo(19);
        assertThat(deadline.workingDaysTaken(APR_14, APR_23)).isEqualTo(5);
    }

    @Test
    void decisions_are_counted_by_outcome_as_last_amended_in_the_period() {
        DecisionsByOutcome april = reports.decisions(APR_1, APR_30, CITY);
        assertThat(april.total()).isEqualTo(2);
        assertThat(april.byOutcome()).containsExactly(Map.entry("YOUTH_CAUTION", 1),
                Map.entry("YOUTH_CONDITIONAL_CAUTION", 1));

        DecisionsByOutcome aprilToMay = reports.decisions(APR_1, LocalDate.of(2025, 5, 31), CITY);
        assertThat(aprilToMay.total()).isEqualTo(3);
        assertThat(aprilToMay.byOutcome()).containsExactly(Map.entry("OUTCOME_21", 1), Map.entry("YOUTH_CAUTION", 1),
                Map.entry("YOUTH_CONDITIONAL_CAUTION", 1));

        assertThat(reports.decisions(APR_1, LocalDate.of(2025, 5, 31), null).total()).isEqualTo(4);
        assertThat(reports.decisions(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30), null).total()).isZero();
    }

    @Test
    void timeliness_is_the_share_decided_in_time_and_the_average_working_days() {
        Timeliness city = reports.timeliness(APR_1, LocalDate.of(2025, 5, 31), CITY);
        assertThat(city.decided()).isEqualTo(3);
        assertThat(city.decidedInTime()).isEqualTo(2);
        assertThat(city.shareDecidedInTime()).isEqualByComparingTo(new BigDecimal("0.667"));
        assertThat(city.averageWorkingDays()).isEqualByComparingTo(new BigDecimal("12.7"));
        assertThat(city.undecidedOverdue()).isEqualTo(1);

        Timeliness county = reports.timeliness(APR_1, LocalDate.of(2025, 5, 31), COUNTY);
        assertThat(county.decided()).isEqualTo(1);
        assertThat(county.shareDecidedInTime()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(county.averageWorkingDays()).isEqualByComparingTo(new BigDecimal("14.0"));
        assertThat(county.undecidedOverdue()).isZero();

        Timeliness none = reports.timeliness(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30), CITY);
        assertThat(none.decided()).isZero();
        assertThat(none.shareDecidedInTime()).isNull();
    }

    @Test
    void overrides_list_each_override_with_its_kind() {
        List<Override> overrides = reports.overrides(APR_1, LocalDate.of(2025, 5, 31));
        assertThat(overrides).extracting(Override::decisionId, Override::kind, Override::reason, Override::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d1", "PANEL_NOT_QUORATE", "police view in writing",
                                "at least 3 attendees (2 present); someone from POLICE"),
                        org.assertj.core.groups.Tuple.tuple("d3", "ASSESSMENT_NOT_QUALITY_ASSURED", "QA manager absent",
                                null));
        assertThat(reports.overrides(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 31))).isEmpty();
    }

    @Test
    void scrutiny_samples_and_findings_are_queryable() {
        assertThat(reports.samples(null)).extracting(ScrutinySample::decisionId).containsExactly("d1", "d3");
        assertThat(reports.samples("PENDING")).extracting(ScrutinySample::decisionId).containsExactly("d1");
        List<ScrutinySample> learning = reports.samples("LEARNING_POINT");
        assertThat(learning).extracting(ScrutinySample::decisionId).containsExactly("d3");
        assertThat(learning.get(0).reasons()).containsExactly("OUTCOME_YOUTH_CONDITIONAL_CAUTION", "CHAIR_OVERRIDE");
        assertThat(learning.get(0).learningPoint()).isEqualTo("QA cover");
        assertThat(reports.samples("APPROPRIATE")).isEmpty();
    }

    @Test
    void the_agenda_shows_what_became_of_each_case_and_what_the_chair_must_follow_up() {
        assertThat(agenda.meeting("p1").orElseThrow()).isEqualTo(new AgendaQueries.Meeting("p1", APR_23, 2, false));
        List<AgendaItem> p1 = agenda.agenda("p1");
        assertThat(p1).extracting(i -> i.referral().referralId(), AgendaItem::agendaState).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r1", "DECIDED"), org.assertj.core.groups.Tuple.tuple("r4", "DECIDED"),
                org.assertj.core.groups.Tuple.tuple("r5", "CARRIED_OVER"),
                org.assertj.core.groups.Tuple.tuple("r3", "DECIDED"));
        CaseSummary r1 = p1.get(0).referral();
        assertThat(r1.assessmentStatus()).isEqualTo("QUALITY_ASSURED");
        assertThat(r1.victims()).extracting(AgendaQueries.Victim::result).containsExactly("DECLINED");
        CaseSummary r3 = p1.get(3).referral();
        assertThat(r3.conditionsStatus()).isEqualTo("COMPLETION_NOT_RECORDED");
        assertThat(r3.conditionsEndDate()).isEqualTo(JULY_23);
        assertThat(p1.get(2).note()).isEqualTo("carried over to p2: victim's views awaited");

        List<AgendaItem> p2 = agenda.agenda("p2");
        assertThat(p2).extracting(i -> i.referral().referralId(), AgendaItem::agendaState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r5", "LISTED"));
        assertThat(p2.get(0).referral().overdue()).isTrue();

        assertThat(agenda.referrals(null, CITY, "COMPLETION_NOT_RECORDED")).extracting(CaseSummary::referralId)
                .containsExactly("r3");
        assertThat(agenda.referrals("WITHDRAWN", null, null)).extracting(CaseSummary::referralId)
                .containsExactly("r6");
        assertThat(agenda.overdueUnmarked(LocalDate.of(2025, 6, 1), Instant.now().minusSeconds(3600))).isEmpty();
    }

    @Test
    void a_referral_closed_by_an_outcome_given_elsewhere_is_off_the_awaiting_and_listed_lists() {
        assertThat(agenda.referrals("CLOSED", null, null)).extracting(CaseSummary::referralId, CaseSummary::outcomeCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r7", "COMMUNITY_RESOLUTION"));
        assertThat(agenda.referrals("AWAITING", null, null)).extracting(CaseSummary::referralId).doesNotContain("r7");
        assertThat(agenda.referrals("LISTED", null, null)).extracting(CaseSummary::referralId).doesNotContain("r7");
        assertThat(agenda.agenda("p3")).extracting(i -> i.referral().referralId(), AgendaItem::agendaState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r7", "CLOSED"));
        // Past its due date, undecided, but closed: the sweep has nothing to mark.
        assertThat(agenda.overdueUnmarked(LocalDate.of(2025, 6, 1), Instant.now())).doesNotContain("r7");
    }

    @Test
    void the_sweep_leaves_a_referral_that_arrived_late_alone_until_its_grace_has_passed() {
        assertThat(agenda.overdueUnmarked(LocalDate.of(2025, 6, 1), Instant.now().minusSeconds(3600)))
                .doesNotContain("r8");
        assertThat(agenda.overdueUnmarked(LocalDate.of(2025, 6, 1), Instant.now().plusSeconds(1))).containsExactly("r8");
    }
}
