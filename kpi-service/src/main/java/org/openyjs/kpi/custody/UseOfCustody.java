package org.openyjs.kpi.custody;

import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.OutcomeFacts;
import org.springframework.stereotype.Component;

/**
 * Use of custody, rule v1: custodial sentences (not children: a child sentenced twice counts twice)
 * given to children of the service with an outcome date in the period, per 1,000 of the 10-17 population.
 */
@Component
public class UseOfCustody implements Measure {

    private final UseOfCustodyRule rule;
    private final OutcomeFacts facts;

    public UseOfCustody(UseOfCustodyRule rule, OutcomeFacts facts) {
        this.rule = rule;
        this.facts = facts;
    }

    @Override
    public String name() {
        return "custody";
    }

    @Override
    public int ruleVersion() {
        return rule.version();
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
    public long numerator(String youthJusticeService, ReportingPeriod period) {
        return facts.countOutcomes(youthJusticeService, rule.custodialOutcomes(), period.from(), period.to());
    }
}
