package org.openyjs.kpi.yjb;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.Proportion;
import org.openyjs.kpi.readmodel.OrderFacts;
import org.openyjs.kpi.readmodel.OrderFacts.EndStatus;
import org.openyjs.kpi.readmodel.OrderFacts.EndedOrder;
import org.openyjs.kpi.readmodel.VictimFacts;
import org.openyjs.kpi.readmodel.VictimFacts.VictimContact;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Predicate;

/**
 * The YJB key performance indicators live since April 2023, counted from OrderEnded and the END
 * StatusRecorded of each order (KPIs 1-7) and from VictimContactRecorded (KPI 10). Each measure's rule
 * (table counting_rule) states its interpretation; which orders end in the period is the rule's
 * {@code orderKinds} parameter, so KPIs 1-5 have v1 (the earlier wording: community and custody) and v2
 * (the current one: every intervention, prevention and out-of-court included). One unit per order
 * ended: a child whose two orders end in the period counts twice. An order ended with no END status
 * recorded is in the denominator and not in the numerator (the status is unknown, not suitable).
 * KPIs 8 (board attendance), 9 (serious violence) and KPI 10's v2 questions: {@link LaterYjbKpiMeasures}.
 */
@Configuration
public class YjbKpiMeasures {

    static final String ENDED = "orders ended in the period";

    @Bean
    Measure yjbKpi1Accommodation(OrderFacts orders) {
        return ended("yjb-kpi-1-accommodation", "yjb-kpi-1-accommodation", orders, s -> true,
                s -> is(s.accommodationSuitable()));
    }

    @Bean
    Measure yjbKpi2Ete(OrderFacts orders) {
        return ended("yjb-kpi-2-ete", "yjb-kpi-2-ete", orders, s -> true, s -> is(s.eteSuitable()));
    }

    /** Formal plan of those with an identified SEND/ALN need at the end. */
    @Bean
    Measure yjbKpi3Send(OrderFacts orders) {
        return orders("yjb-kpi-3-send", "yjb-kpi-3-send", "orders ended with an identified SEND need", orders,
                s -> is(s.sendIdentifiedNeed()), s -> is(s.sendFormalPlan()));
    }

    @Bean
    Measure yjbKpi4MentalHealthNeed(OrderFacts orders) {
        return ended("yjb-kpi-4-mental-health-need", "yjb-kpi-4-mental-health", orders, s -> true,
                s -> is(s.mentalHealthNeed()));
    }

    @Bean
    Measure yjbKpi4MentalHealthPlanned(OrderFacts orders) {
        return orders("yjb-kpi-4-mental-health-planned", "yjb-kpi-4-mental-health",
                "orders ended with a mental health need", orders, s -> is(s.mentalHealthNeed()),
                s -> is(s.mentalHealthPlannedOrOffered()));
    }

    @Bean
    Measure yjbKpi4MentalHealthAttending(OrderFacts orders) {
        return orders("yjb-kpi-4-mental-health-attending", "yjb-kpi-4-mental-health",
                "orders ended with mental health intervention planned or offered", orders,
                s -> is(s.mentalHealthNeed()) && is(s.mentalHealthPlannedOrOffered()),
                s -> is(s.mentalHealthAttending()));
    }

    @Bean
    Measure yjbKpi5SubstanceMisuseNeed(OrderFacts orders) {
        return ended("yjb-kpi-5-substance-misuse-need", "yjb-kpi-5-substance-misuse", orders, s -> true,
                s -> is(s.substanceMisuseNeed()));
    }

    @Bean
    Measure yjbKpi5SubstanceMisusePlanned(OrderFacts orders) {
        return orders("yjb-kpi-5-substance-misuse-planned", "yjb-kpi-5-substance-misuse",
                "orders ended with a substance misuse need", orders, s -> is(s.substanceMisuseNeed()),
                s -> is(s.substanceMisusePlannedOrOffered()));
    }

    @Bean
    Measure yjbKpi5SubstanceMisuseAttending(OrderFacts orders) {
        return orders("yjb-kpi-5-substance-misuse-attending", "yjb-kpi-5-substance-misuse",
                "orders ended with substance misuse intervention planned or offered", orders,
                s -> is(s.substanceMisuseNeed()) && is(s.substanceMisusePlannedOrOffered()),
                s -> is(s.substanceMisuseAttending()));
    }

    /** Out-of-court interventions completed, of those ending (the rule's kinds: OUT_OF_COURT). */
    @Bean
    Measure yjbKpi6OutOfCourt(OrderFacts orders) {
        return new Proportion<>("yjb-kpi-6-out-of-court", "yjb-kpi-6-out-of-court",
                "out-of-court interventions ended in the period", Dimension.CHILD, units(orders), o -> true,
                o -> "COMPLETED".equals(o.endReason()), EndedOrder::unit);
    }

    @Bean
    Measure yjbKpi7WiderServices(OrderFacts orders) {
        return ended("yjb-kpi-7-wider-services", "yjb-kpi-7-wider-services", orders, s -> true,
                s -> is(s.lookedAfter()) || is(s.childProtectionPlan()) || is(s.childInNeedPlan())
                        || is(s.earlyHelp()));
    }

    @Bean
    Measure yjbKpi10VictimsConsented(VictimFacts victims) {
        return victims("yjb-kpi-10-victims-consented", victims, VictimContact::consentedToContact);
    }

    @Bean
    Measure yjbKpi10VictimsViewsSought(VictimFacts victims) {
        return victims("yjb-kpi-10-victims-views-sought", victims, v -> "VIEWS_GIVEN".equals(v.unit().outcomeCode()));
    }

    @Bean
    Measure yjbKpi10VictimsRestorativeJusticeOffered(VictimFacts victims) {
        return victims("yjb-kpi-10-victims-rj-offered", victims, VictimContact::restorativeJusticeOffered);
    }

    /** Of every order of the rule's kinds ended in the period. */
    private static Measure ended(String name, String rule, OrderFacts orders, Predicate<EndStatus> denominator,
                                 Predicate<EndStatus> numerator) {
        return orders(name, rule, ENDED, orders, denominator, numerator);
    }

    /**
     * Orders of the rule's kinds ended in the period whose END status meets {@code denominator} (an order
     * without an END status is in a denominator that needs nothing of it), counted when it meets {@code numerator}.
     */
    private static Measure orders(String name, String rule, String unit, OrderFacts orders,
                                  Predicate<EndStatus> denominator, Predicate<EndStatus> numerator) {
        Predicate<EndedOrder> inDenominator = o -> o.status() == null ? denominator.test(NO_STATUS)
                : denominator.test(o.status());
        return new Proportion<>(name, rule, unit, Dimension.CHILD, units(orders), inDenominator,
                o -> o.status() != null && numerator.test(o.status()), EndedOrder::unit);
    }

    static Proportion.Units<EndedOrder> units(OrderFacts orders) {
        return (service, period, rule, cut) -> orders.ended(service, rule.listParameter("orderKinds"),
                rule.listParameter("orderTypes"), period.from(), period.to(), cut);
    }

    /** Victims contacted in the period (their last contact in it): the unit is a victim, not a child. */
    private static Measure victims(String name, VictimFacts victims, Predicate<VictimContact> numerator) {
        return new Proportion<>(name, "yjb-kpi-10-victims", "victims contacted in the period", List.of(),
                (service, period, rule, cut) -> victims.contacted(service, period.from(), period.to(), cut),
                v -> true, numerator, VictimContact::unit);
    }

    private static final EndStatus NO_STATUS = new EndStatus(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    static boolean is(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

}
