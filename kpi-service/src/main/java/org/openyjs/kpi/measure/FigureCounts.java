package org.openyjs.kpi.measure;

import org.openyjs.kpi.rules.CountingRule;

import java.time.Instant;

/** What a measure counts for a figure alone, by the same rule as its selection (e.g. in SQL, without loading units). */
@FunctionalInterface
public interface FigureCounts {
    Counts of(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore);
}
