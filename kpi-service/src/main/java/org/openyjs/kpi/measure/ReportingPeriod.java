package org.openyjs.kpi.measure;

import org.openyjs.support.web.DomainRefusal;

import java.time.LocalDate;

/** A reporting period by business date, both ends inclusive. */
public record ReportingPeriod(LocalDate from, LocalDate to) {

    public ReportingPeriod {
        if (from == null) {
            throw new DomainRefusal("from", "is required (yyyy-MM-dd)");
        }
        if (to == null) {
            throw new DomainRefusal("to", "is required (yyyy-MM-dd)");
        }
        if (from.isAfter(to)) {
            throw new DomainRefusal("from", "must be on or before to (" + to + ")");
        }
    }

    /** Whether the figures can still change: the period is not over yet on {@code today}. */
    public boolean openOn(LocalDate today) {
        return !to.isBefore(today);
    }
}
