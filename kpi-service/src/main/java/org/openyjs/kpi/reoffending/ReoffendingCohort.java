package org.openyjs.kpi.reoffending;

import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.CaseFacts;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.OutcomeFacts;
import org.openyjs.kpi.readmodel.OutcomeFacts.ProvenOutcome;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.readmodel.ReoffendingFacts;
import org.openyjs.kpi.rules.CountingRule;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The proven reoffending cohort of a period (rule {@code reoffending}), shared by its three figures.
 *
 * <ul>
 *   <li>Cohort: children of the service with an outcome with one of the rule's codes (youth caution, youth
 *       conditional caution, court disposal) dated in the cohort period; the index outcome is each child's
 *       first such outcome in it, and the rule's age range applies to the child's age on the index date.</li>
 *   <li>Reoffence: an offence committed after the index date and at most {@code trackingMonths} after it,
 *       proven by an outcome with one of the rule's codes dated at most {@code trackingMonths + waitMonths}
 *       after the index date. Counted per offence (two outcomes for one offence are one reoffence).</li>
 *   <li>v1: release from custody is not an index event (the OrderEnded of a custodial order is the end of the
 *       whole order, a DTO's licence included, not the release). From v2 (parameter {@code indexReleaseTypes}) a
 *       ReleasedFromCustody of those types dated in the period is an index event too: the index is the child's
 *       earliest qualifying outcome or release in the period.</li>
 *   <li>The index must be one the service counts the child for on its date (transfers); reoffences are the child's
 *       wherever they were proven.</li>
 * </ul>
 */
@Component
public class ReoffendingCohort {

    /** The rule every reoffending figure counts by. */
    public static final String RULE = "reoffending";

    /** Index units (one per cohort child), reoffender index units, and one unit per reoffence (its proving outcome). */
    public record Cohort(List<Counted> cohort, List<Counted> reoffenders, List<Counted> reoffences) {
    }

    /** How many units each list of a {@link Cohort} has: what a figure alone shows. */
    public record Sizes(long cohort, long reoffenders, long reoffences) {
    }

    private final OutcomeFacts facts;
    private final CaseFacts cases;
    private final ReoffendingFacts precomputedCohorts;
    private final PrecomputedOutcomes precomputed;

    public ReoffendingCohort(OutcomeFacts facts, CaseFacts cases, ReoffendingFacts precomputedCohorts,
                             PrecomputedOutcomes precomputed) {
        this.facts = facts;
        this.cases = cases;
        this.precomputedCohorts = precomputedCohorts;
        this.precomputed = precomputed;
    }

    public static int trackingMonths(CountingRule rule) {
        return rule.intParameter("trackingMonths", 12);
    }

    public static int waitMonths(CountingRule rule) {
        return rule.intParameter("waitMonths", 6);
    }

    /** The last day an outcome can still prove a reoffence of the period's cohort. */
    public static LocalDate settlesAfter(ReportingPeriod period, int trackingMonths, int waitMonths) {
        return period.to().plusMonths(trackingMonths + waitMonths);
    }

    /**
     * The cohort's sizes. As things stand now counted in SQL from the precomputed indexes (V14: one row per cohort
     * child with its reoffences counted), the rows {@link #of} lists; for an as-of cut those of {@link #of}.
     */
    public Sizes sizes(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        if (precomputed.readCut(recordedBefore) != null) {
            Cohort c = of(service, period, rule, recordedBefore);
            return new Sizes(c.cohort().size(), c.reoffenders().size(), c.reoffences().size());
        }
        ReoffendingFacts.Sizes sizes = precomputedCohorts.sizes(service, rule, period.from(), period.to(),
                settlesAfter(period, trackingMonths(rule), waitMonths(rule)));
        return new Sizes(sizes.cohort(), sizes.reoffenders(), sizes.reoffences());
    }

    /** {@link #of} as things stand now, from the precomputed indexes and reoffences (V14). */
    private Cohort precomputedCohort(String service, ReportingPeriod period, CountingRule rule) {
        List<ReoffendingFacts.Index> indexes = precomputedCohorts.cohort(service, rule, period.from(), period.to(),
                settlesAfter(period, trackingMonths(rule), waitMonths(rule)));
        List<Counted> cohort = new ArrayList<>();
        List<Counted> reoffenders = new ArrayList<>();
        for (ReoffendingFacts.Index index : indexes) {
            cohort.add(index.unit());
            if (index.reoffences() > 0) {
                reoffenders.add(index.unit());
            }
        }
        List<Counted> reoffences = precomputedCohorts.reoffences(service, rule, period.from(), period.to(),
                        settlesAfter(period, trackingMonths(rule), waitMonths(rule))).stream()
                .map(ReoffendingFacts.Reoffence::outcome).toList();
        return new Cohort(cohort, reoffenders, reoffences);
    }

    public Cohort of(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        if (precomputed.readCut(recordedBefore) == null) {
            return precomputedCohort(service, period, rule);
        }
        int tracking = trackingMonths(rule);
        int wait = waitMonths(rule);
        List<ProvenOutcome> outcomes = facts.outcomesWithOffences(service, rule.outcomeCodes(), period.from(),
                settlesAfter(period, tracking, wait), recordedBefore);
        Map<String, List<ProvenOutcome>> byChild = outcomes.stream()
                .collect(Collectors.groupingBy(p -> p.outcome().childId(), LinkedHashMap::new, Collectors.toList()));
        // Index candidates: each child's first outcome in the period (ordered by date then event id) and, from v2,
        // their first release from custody in it (already only those the service counts the child for).
        Map<String, Counted> releases = new LinkedHashMap<>();
        List<String> releaseTypes = rule.listParameter("indexReleaseTypes");
        if (!releaseTypes.isEmpty()) {
            cases.releases(service, releaseTypes, period.from(), period.to(), recordedBefore)
                    .forEach(r -> releases.putIfAbsent(r.unit().childId(), r.unit()));
            releases.keySet().forEach(child -> byChild.putIfAbsent(child, List.of()));
        }
        List<Counted> cohort = new ArrayList<>();
        List<Counted> reoffenders = new ArrayList<>();
        List<Counted> reoffences = new ArrayList<>();
        byChild.forEach((child, proven) -> {
            ProvenOutcome first = proven.isEmpty() ? null : proven.get(0);
            Counted index = first == null || first.outcome().outcomeDate().isAfter(period.to()) || !first.responsible()
                    ? null : first.outcome();
            Counted release = releases.get(child);
            if (release != null && (index == null || release.outcomeDate().isBefore(index.outcomeDate()))) {
                index = release;
            }
            if (index == null || !rule.countsAge(index.ageOnOutcomeDate())) {
                return;
            }
            cohort.add(index);
            LocalDate indexDate = index.outcomeDate();
            LocalDate lastOffence = indexDate.plusMonths(tracking);
            LocalDate lastOutcome = indexDate.plusMonths(tracking + wait);
            Map<String, Counted> provenOffences = new LinkedHashMap<>();
            for (ProvenOutcome p : proven) {
                if (p.offenceDate().isAfter(indexDate) && !p.offenceDate().isAfter(lastOffence)
                        && !p.outcome().outcomeDate().isAfter(lastOutcome)) {
                    provenOffences.putIfAbsent(p.offenceKey(), p.outcome());
                }
            }
            if (!provenOffences.isEmpty()) {
                reoffenders.add(index);
                reoffences.addAll(provenOffences.values());
            }
        });
        return new Cohort(cohort, reoffenders, reoffences);
    }
}
