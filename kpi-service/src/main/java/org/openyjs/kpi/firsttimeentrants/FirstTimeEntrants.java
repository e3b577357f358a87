package org.openyjs.kpi.firsttimeentrants;

import org.openyjs.kpi.measure.Counts;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.OutcomeFacts;
import org.openyjs.kpi.rules.CountingRule;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * First-time entrants: children of the service whose earliest outcome with one of the rule's codes
 * (youth caution, youth conditional caution or court disposal in v1) is dated in the period, per
 * 100,000 of the 10-17 population. The rule's age range (10-17) applies to that earliest outcome, so a
 * child first cautioned at 18 is not counted for a later outcome either.
 */
@Component
public class FirstTimeEntrants implements Measure {

    private final OutcomeFacts facts;

    public FirstTimeEntrants(OutcomeFacts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "first-time-entrants";
    }

    @Override
    public int ratePer() {
        return 100_000;
    }

    @Override
    public int rateScale() {
        return 0;
    }

    @Override
    public List<Counted> select(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        return facts.firstEntries(service, rule, period.from(), period.to(), recordedBefore);
    }

    /** The same first entries counted in SQL, the age range there too: ~16,000 a service-year at a million events. */
    @Override
    public Counts counts(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        return Counts.perPopulation(facts.firstEntryCount(service, rule, period.from(), period.to(), recordedBefore));
    }
}
