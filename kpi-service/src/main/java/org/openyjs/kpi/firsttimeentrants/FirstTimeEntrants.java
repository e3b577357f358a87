package org.openyjs.kpi.firsttimeentrants;

import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.OutcomeFacts;
import org.springframework.stereotype.Component;

/**
 * First-time entrants, rule v1: children of the service whose earliest qualifying outcome (youth
 * caution, youth conditional caution or court disposal) is dated in the period and who were aged
 * 10-17 on that date, per 100,000 of the 10-17 population.
 */
@Component
public class FirstTimeEntrants implements Measure {

    static final int YOUNGEST = 10;
    static final int OLDEST = 17;

    private final FirstTimeEntrantsRule rule;
    private final OutcomeFacts facts;

    public FirstTimeEntrants(FirstTimeEntrantsRule rule, OutcomeFacts facts) {
        this.rule = rule;
        this.facts = facts;
    }

    @Override
    public String name() {
        return "first-time-entrants";
    }

    @Override
    public int ruleVersion() {
        return rule.version();
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
    public long numerator(String youthJusticeService, ReportingPeriod period) {
        return facts.countChildrenByFirstOutcome(youthJusticeService, rule.qualifyingOutcomes(), period.from(),
                period.to(), YOUNGEST, OLDEST);
    }
}
