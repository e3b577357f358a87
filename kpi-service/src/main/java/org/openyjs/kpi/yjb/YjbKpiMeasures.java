package org.openyjs.kpi.yjb;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.measure.CountableUnits;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.Proportion;
import org.openyjs.kpi.readmodel.Condition;
import org.openyjs.kpi.readmodel.OrderFacts;
import org.openyjs.kpi.readmodel.OrderFacts.EndedOrder;
import org.openyjs.kpi.readmodel.VictimFacts;
import org.openyjs.kpi.readmodel.VictimFacts.VictimContact;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static org.openyjs.kpi.readmodel.OrderFacts.ACCOMMODATION_SUITABLE;
import static org.openyjs.kpi.readmodel.OrderFacts.CHILD_IN_NEED_PLAN;
import static org.openyjs.kpi.readmodel.OrderFacts.CHILD_PROTECTION_PLAN;
import static org.openyjs.kpi.readmodel.OrderFacts.EARLY_HELP;
import static org.openyjs.kpi.readmodel.OrderFacts.END_REASON;
import static org.openyjs.kpi.readmodel.OrderFacts.ETE_SUITABLE;
import static org.openyjs.kpi.readmodel.OrderFacts.HAS_END_STATUS;
import static org.openyjs.kpi.readmodel.OrderFacts.LOOKED_AFTER;
import static org.openyjs.kpi.readmodel.OrderFacts.MENTAL_HEALTH_ATTENDING;
import static org.openyjs.kpi.readmodel.OrderFacts.MENTAL_HEALTH_NEED;
import static org.openyjs.kpi.readmodel.OrderFacts.MENTAL_HEALTH_PLANNED_OR_OFFERED;
import static org.openyjs.kpi.readmodel.OrderFacts.SEND_FORMAL_PLAN;
import static org.openyjs.kpi.readmodel.OrderFacts.SEND_IDENTIFIED_NEED;
import static org.openyjs.kpi.readmodel.OrderFacts.SUBSTANCE_MISUSE_ATTENDING;
import static org.openyjs.kpi.readmodel.OrderFacts.SUBSTANCE_MISUSE_NEED;
import static org.openyjs.kpi.readmodel.OrderFacts.SUBSTANCE_MISUSE_PLANNED_OR_OFFERED;

/**
 * The YJB key performance indicators live since April 2023, counted from OrderEnded and the END
 * StatusRecorded of each order (KPIs 1-7) and from VictimContactRecorded (KPI 10). Each measure's rule
 * (table counting_rule) states its interpretation; which orders end in the period is the rule's
 * {@code orderKinds} parameter, so KPIs 1-5 have v1 (the earlier wording: community and custody) and v2
 * (the current one: every intervention, prevention and out-of-court included). One unit per order
 * ended: a child whose two orders end in the period counts twice. An order ended with no END status
 * recorded is in a denominator that needs nothing of the status and never in the numerator (the status is unknown,
 * not suitable). A figure is counted in SQL under the same conditions as the orders listed for its breakdowns.
 * KPIs 8 (board attendance), 9 (serious violence) and KPI 10's v2 questions: {@link LaterYjbKpiMeasures}.
 */
@Configuration
public class YjbKpiMeasures {

    static final String ENDED = "orders ended in the period";

    @Bean
    Measure yjbKpi1Accommodation(OrderFacts orders) {
        return ended("yjb-kpi-1-accommodation", "yjb-kpi-1-accommodation", orders, ACCOMMODATION_SUITABLE.is(true));
    }

    @Bean
    Measure yjbKpi2Ete(OrderFacts orders) {
        return ended("yjb-kpi-2-ete", "yjb-kpi-2-ete", orders, ETE_SUITABLE.is(true));
    }

    /** Formal plan of those with an identified SEND/ALN need at the end. */
    @Bean
    Measure yjbKpi3Send(OrderFacts orders) {
        return orders("yjb-kpi-3-send", "yjb-kpi-3-send", "orders ended with an identified SEND need", orders,
                SEND_IDENTIFIED_NEED.is(true), SEND_FORMAL_PLAN.is(true));
    }

    @Bean
    Measure yjbKpi4MentalHealthNeed(OrderFacts orders) {
        return ended("yjb-kpi-4-mental-health-need", "yjb-kpi-4-mental-health", orders, MENTAL_HEALTH_NEED.is(true));
    }

    @Bean
    Measure yjbKpi4MentalHealthPlanned(OrderFacts orders) {
        return orders("yjb-kpi-4-mental-health-planned", "yjb-kpi-4-mental-health",
                "orders ended with a mental health need", orders, MENTAL_HEALTH_NEED.is(true),
                MENTAL_HEALTH_PLANNED_OR_OFFERED.is(true));
    }

    @Bean
    Measure yjbKpi4MentalHealthAttending(OrderFacts orders) {
        return orders("yjb-kpi-4-mental-health-attending", "yjb-kpi-4-mental-health",
                "orders ended with mental health intervention planned or offered", orders,
                MENTAL_HEALTH_NEED.is(true).and(MENTAL_HEALTH_PLANNED_OR_OFFERED.is(true)),
                MENTAL_HEALTH_ATTENDING.is(true));
    }

    @Bean
    Measure yjbKpi5SubstanceMisuseNeed(OrderFacts orders) {
        return ended("yjb-kpi-5-substance-misuse-need", "yjb-kpi-5-substance-misuse", orders,
                SUBSTANCE_MISUSE_NEED.is(true));
    }

    @Bean
    Measure yjbKpi5SubstanceMisusePlanned(OrderFacts orders) {
        return orders("yjb-kpi-5-substance-misuse-planned", "yjb-kpi-5-substance-misuse",
                "orders ended with a substance misuse need", orders, SUBSTANCE_MISUSE_NEED.is(true),
                SUBSTANCE_MISUSE_PLANNED_OR_OFFERED.is(true));
    }

    @Bean
    Measure yjbKpi5SubstanceMisuseAttending(OrderFacts orders) {
        return orders("yjb-kpi-5-substance-misuse-attending", "yjb-kpi-5-substance-misuse",
                "orders ended with substance misuse intervention planned or offered", orders,
                SUBSTANCE_MISUSE_NEED.is(true).and(SUBSTANCE_MISUSE_PLANNED_OR_OFFERED.is(true)),
                SUBSTANCE_MISUSE_ATTENDING.is(true));
    }

    /** Out-of-court interventions completed, of those ending (the rule's kinds: OUT_OF_COURT). */
    @Bean
    Measure yjbKpi6OutOfCourt(OrderFacts orders) {
        return Proportion.countedInSql("yjb-kpi-6-out-of-court", "yjb-kpi-6-out-of-court",
                "out-of-court interventions ended in the period", Dimension.CHILD, units(orders), Condition.always(),
                END_REASON.is("COMPLETED"), EndedOrder::unit);
    }

    @Bean
    Measure yjbKpi7WiderServices(OrderFacts orders) {
        return ended("yjb-kpi-7-wider-services", "yjb-kpi-7-wider-services", orders, LOOKED_AFTER.is(true)
                .or(CHILD_PROTECTION_PLAN.is(true)).or(CHILD_IN_NEED_PLAN.is(true)).or(EARLY_HELP.is(true)));
    }

    @Bean
    Measure yjbKpi10VictimsConsented(VictimFacts victims) {
        return victims("yjb-kpi-10-victims-consented", victims, VictimFacts.CONSENTED_TO_CONTACT.is(true));
    }

    @Bean
    Measure yjbKpi10VictimsViewsSought(VictimFacts victims) {
        return victims("yjb-kpi-10-victims-views-sought", victims, VictimFacts.RESULT.is("VIEWS_GIVEN"));
    }

    @Bean
    Measure yjbKpi10VictimsRestorativeJusticeOffered(VictimFacts victims) {
        return victims("yjb-kpi-10-victims-rj-offered", victims, VictimFacts.RESTORATIVE_JUSTICE_OFFERED.is(true));
    }

    /** Of every order of the rule's kinds ended in the period. */
    private static Measure ended(String name, String rule, OrderFacts orders, Condition<EndedOrder> numerator) {
        return orders(name, rule, ENDED, orders, Condition.always(), numerator);
    }

    /**
     * Orders of the rule's kinds ended in the period whose END status meets {@code denominator}, counted when their
     * END status meets {@code numerator}. An order without an END status has none of its answers: it is in a
     * denominator that needs nothing of the status, and never in the numerator.
     */
    private static Measure orders(String name, String rule, String unit, OrderFacts orders,
                                  Condition<EndedOrder> denominator, Condition<EndedOrder> numerator) {
        return Proportion.countedInSql(name, rule, unit, Dimension.CHILD, units(orders), denominator,
                HAS_END_STATUS.and(numerator), EndedOrder::unit);
    }

    static CountableUnits<EndedOrder> units(OrderFacts orders) {
        return (service, period, rule, cut) -> orders.endedOrders(service, rule.listParameter("orderKinds"),
                rule.listParameter("orderTypes"), period.from(), period.to(), cut);
    }

    /** Victims contacted in the period (their last contact in it): the unit is a victim, not a child. */
    private static Measure victims(String name, VictimFacts victims, Condition<VictimContact> numerator) {
        return Proportion.countedInSql(name, "yjb-kpi-10-victims", "victims contacted in the period", List.of(),
                (service, period, rule, cut) -> victims.victimsContacted(service, period.from(), period.to(), cut),
                Condition.always(), numerator, VictimContact::unit);
    }
}
