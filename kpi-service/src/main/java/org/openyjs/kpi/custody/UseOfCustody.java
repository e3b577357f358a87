package org.openyjs.kpi.custody;

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
 * Use of custody: custodial sentences (not children: a child sentenced twice counts twice) given to
 * children of the service with an outcome date in the period, per 1,000 of the 10-17 population.
 */
@Component
public class UseOfCustody implements Measure {

    private final OutcomeFacts facts;

    public UseOfCustody(OutcomeFacts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "custody";
    }

    @Override
    public int ratePer() {
        return 1_000;
    }

    @Override
    public int rateScale() {
        return 2;
    }

    @Override
    public List<Counted> select(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        return facts.outcomes(service, rule.outcomeCodes(), period.from(), period.to(), recordedBefore);
    }

    /** The same sentences counted in SQL, the age range there too. */
    @Override
    public Counts counts(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        return Counts.perPopulation(facts.outcomeCounts(service, rule.outcomeCodes(), rule.outcomeCodes(),
                period.from(), period.to(), recordedBefore, rule)[0]);
    }
}
