package org.openyjs.kpi.measure;

import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.rules.CountingRule;

import java.time.Instant;
import java.util.List;

/**
 * A count per so many of the 10-17 population (serious violence per 10,000, remands per 1,000): a measure is
 * a name, the rule it counts by, the unit of its rate and what its rule selects. The rule's age range applies
 * to each unit's date.
 */
public record PerPopulation(String name, String ruleName, int ratePer, int rateScale,
                            Proportion.Units<Counted> units) implements Measure {

    @Override
    public List<Counted> select(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        return units.of(service, period, rule, recordedBefore);
    }
}
