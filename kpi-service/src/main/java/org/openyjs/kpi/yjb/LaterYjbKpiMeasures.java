package org.openyjs.kpi.yjb;

import org.openyjs.kpi.board.BoardMeetings;
import org.openyjs.kpi.board.BoardMeetings.Seat;
import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.measure.CountedInSql;
import org.openyjs.kpi.measure.Counts;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.PerPopulation;
import org.openyjs.kpi.measure.Proportion;
import org.openyjs.kpi.readmodel.CaseFacts;
import org.openyjs.kpi.readmodel.Condition.Column;
import org.openyjs.kpi.readmodel.UnitQuery;
import org.openyjs.kpi.readmodel.VictimFacts;
import org.openyjs.kpi.readmodel.VictimFacts.VictimContact;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * YJB KPIs 8 (management board attendance, from the meetings analysts enter), 9 (serious violence, from
 * offences and outcomes) and the questions KPI 10 (victims) gained with VictimContactRecorded v2. Only the
 * names of KPIs 6-10 are confirmed publicly: each rule's definition states the interpretation.
 */
@Configuration
public class LaterYjbKpiMeasures {

    /** Expected statutory partner attendances at the meetings held in the period; by partner: each one's share. */
    @Bean
    Measure yjbKpi8BoardAttendance(BoardMeetings meetings) {
        return new Proportion<Seat>("yjb-kpi-8-board-attendance", "yjb-kpi-8-board-attendance",
                "expected partner attendances at board meetings in the period", List.of(Dimension.PARTNER),
                (service, period, rule, cut) -> meetings.seats(service, period.from(), period.to(), cut),
                s -> true, Seat::attended, Seat::unit);
    }

    /** Children with a proven serious violence offence, per 10,000 of the 10-17 population. */
    @Bean
    Measure yjbKpi9SeriousViolence(CaseFacts cases) {
        Measure listed = new PerPopulation("yjb-kpi-9-serious-violence", "yjb-kpi-9-serious-violence", 10_000, 1,
                (service, period, rule, cut) -> cases.firstOutcomesForOffences(service, rule.outcomeCodes(),
                        rule.listParameter("offenceCategories"), rule.intParameter("minGravityScore", 5),
                        period.from(), period.to(), cut));
        return new CountedInSql(listed, (service, period, rule, cut) -> Counts.perPopulation(
                cases.firstOutcomeForOffenceCount(service, rule, rule.listParameter("offenceCategories"),
                        rule.intParameter("minGravityScore", 5), period.from(), period.to(), cut)));
    }

    @Bean
    Measure yjbKpi10VictimsKeptInformed(VictimFacts victims) {
        return answered("yjb-kpi-10-victims-kept-informed", "kept-informed", victims, VictimFacts.KEPT_INFORMED);
    }

    @Bean
    Measure yjbKpi10VictimsRestorativeJusticeParticipated(VictimFacts victims) {
        return answered("yjb-kpi-10-victims-rj-participated", "rj-participated", victims,
                VictimFacts.RESTORATIVE_JUSTICE_PARTICIPATED);
    }

    @Bean
    Measure yjbKpi10VictimsSupportReferral(VictimFacts victims) {
        return answered("yjb-kpi-10-victims-support-referral", "support-referral", victims,
                VictimFacts.SUPPORT_REFERRAL_MADE);
    }

    /**
     * Of the victims contacted in the period whose last contact recorded the answer (null: not recorded, e.g. a v1
     * message, out of the denominator), those answered yes. A rule version whose {@code questions} does not list
     * the question did not ask it: nothing in either part.
     */
    private static Measure answered(String name, String question, VictimFacts victims,
                                    Column<VictimContact, Boolean> answer) {
        return Proportion.countedInSql(name, "yjb-kpi-10-victims",
                "victims contacted in the period with the answer recorded", List.of(),
                (service, period, rule, cut) -> rule.listParameter("questions").contains(question)
                        ? victims.victimsContacted(service, period.from(), period.to(), cut) : UnitQuery.none(),
                answer.known(), answer.is(true), VictimContact::unit);
    }
}
