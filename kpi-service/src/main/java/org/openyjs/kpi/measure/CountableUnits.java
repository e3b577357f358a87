package org.openyjs.kpi.measure;

import org.openyjs.kpi.readmodel.UnitQuery;
import org.openyjs.kpi.rules.CountingRule;

import java.time.Instant;

/** A proportion's candidate units of a rule for a service and period, as known before the cut: to list or to count. */
@FunctionalInterface
public interface CountableUnits<T> {
    UnitQuery<T> of(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore);
}
