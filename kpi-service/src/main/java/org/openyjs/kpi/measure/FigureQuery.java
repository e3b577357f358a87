package org.openyjs.kpi.measure;

import org.openyjs.support.web.DomainRefusal;

import java.time.LocalDate;

/**
 * What a figure is asked for: service, period, optionally a rule version (default: the version in
 * force on the period's last day) and an as-of date (default: everything recorded so far).
 */
public record FigureQuery(String service, ReportingPeriod period, Integer ruleVersion, LocalDate asOf) {

    public FigureQuery {
        if (service == null || service.isBlank()) {
            throw new DomainRefusal("service", "is required, e.g. leicester-city");
        }
        if (period == null) {
            throw new DomainRefusal("period", "is required");
        }
    }

    /** The query parameters every figure endpoint takes. */
    public static FigureQuery of(FigureParameters p) {
        if (p.service() == null || p.service().isBlank()) {
            throw new DomainRefusal("service", "is required, e.g. leicester-city");
        }
        return new FigureQuery(p.service(), ReportingPeriod.of(p.period(), p.from(), p.to()), p.ruleVersion(), p.asOf());
    }

    public FigureQuery withPeriod(ReportingPeriod other) {
        return new FigureQuery(service, other, ruleVersion, asOf);
    }

    public FigureQuery withRuleVersion(int version) {
        return new FigureQuery(service, period, version, asOf);
    }
}
