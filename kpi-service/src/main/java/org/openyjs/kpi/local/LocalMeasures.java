package org.openyjs.kpi.local;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.measure.CountedInSql;
import org.openyjs.kpi.measure.Counts;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.Proportion;
import org.openyjs.kpi.readmodel.Condition;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.OrderFacts;
import org.openyjs.kpi.readmodel.OrderFacts.EndedOrder;
import org.openyjs.kpi.readmodel.OutcomeFacts;
import org.openyjs.kpi.readmodel.PanelFacts;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.support.calendar.WorkingDays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.stream.Stream;

/** Local measures from the seeds that the events support: OOCD outcome mix, panel timeliness, ETE at order end. */
@Configuration
public class LocalMeasures {

    /**
     * Out-of-court outcomes (the rule's outcome codes) of all outcomes (those and the rule's courtCodes)
     * dated in the period; {@code breakdown?by=outcome-code} gives the mix: each code's count and share.
     */
    @Bean
    Measure oocdOutcomeMix(OutcomeFacts outcomes) {
        List<Dimension> dimensions = Stream.concat(Dimension.CHILD.stream(), Stream.of(Dimension.OUTCOME_CODE)).toList();
        Measure listed = new Proportion<Counted>("oocd-outcome-mix", "oocd-outcome-mix", "outcomes in the period",
                dimensions, (service, period, rule, cut) -> outcomes.outcomes(service, allCodes(rule),
                period.from(), period.to(), cut),
                o -> true, o -> isOutOfCourt(o), o -> o);
        // A figure alone: the same outcomes counted in SQL (the rule's age range there too), ~10,000 a service-year.
        return new CountedInSql(listed, (service, period, rule, cut) -> {
            long[] counts = outcomes.outcomeCounts(service, allCodes(rule), OOC, period.from(), period.to(), cut, rule);
            return new Counts(counts[1], counts[0], "outcomes in the period", null);
        });
    }

    private static List<String> allCodes(CountingRule rule) {
        return Stream.concat(rule.outcomeCodes().stream(), rule.listParameter("courtCodes").stream()).toList();
    }

    private static boolean isOutOfCourt(Counted outcome) {
        return OOC.contains(outcome.outcomeCode());
    }

    private static final List<String> OOC = List.of("NO_FURTHER_ACTION", "OUTCOME_20", "OUTCOME_21", "OUTCOME_22",
            "COMMUNITY_RESOLUTION", "YOUTH_CAUTION", "YOUTH_CONDITIONAL_CAUTION");

    /**
     * Panel decisions dated in the period made within the rule's {@code withinWorkingDays} working days
     * of the offence's referral, of all decisions in the period that answer a recorded referral.
     */
    @Bean
    Measure panelTimeliness(PanelFacts panels, WorkingDays workingDays) {
        return new Proportion<Timed>("panel-timeliness", "panel-timeliness",
                "panel decisions in the period with a referral", Dimension.CHILD,
                (service, period, rule, cut) -> {
                    int within = rule.intParameter("withinWorkingDays", 15);
                    return panels.decisions(service, period.from(), period.to(), cut).stream()
                            .map(d -> new Timed(d.unit(),
                                    workingDays.between(d.referralDate(), d.unit().outcomeDate()) <= within))
                            .toList();
                },
                t -> true, Timed::inTime, Timed::unit);
    }

    /** A unit and whether it met its rule's condition in time (a panel decision within the working days; reused). */
    record Timed(Counted unit, boolean inTime) {
    }

    @Bean
    Measure eteStatutoryOrders(OrderFacts orders) {
        return ete("ete-statutory-orders", orders, Condition.always());
    }

    @Bean
    Measure eteStatutoryOrdersSchoolAge(OrderFacts orders) {
        return ete("ete-statutory-orders-school-age", orders, OrderFacts.ETE_SCHOOL_AGE.is(true));
    }

    @Bean
    Measure eteStatutoryOrdersAboveSchoolAge(OrderFacts orders) {
        return ete("ete-statutory-orders-above-school-age", orders, OrderFacts.ETE_SCHOOL_AGE.is(false));
    }

    /**
     * Referral orders, YROs and DTOs (the rule's orderTypes) ended in the period, in full-time ETE at the end
     * (END status ete.status FULL_TIME). A DTO's OrderEnded is the end of its licence.
     */
    private static Measure ete(String name, OrderFacts orders, Condition<EndedOrder> group) {
        return Proportion.countedInSql(name, "ete-statutory-orders", "statutory orders ended in the period",
                Dimension.CHILD, (service, period, rule, cut) -> orders.endedOrders(service,
                        rule.listParameter("orderKinds"), rule.listParameter("orderTypes"), period.from(), period.to(), cut),
                group, OrderFacts.HAS_END_STATUS.and(OrderFacts.ETE_STATUS.is("FULL_TIME")), EndedOrder::unit);
    }
}
