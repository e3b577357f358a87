package org.openyjs.kpi.measure;

import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.rules.CountingRule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A measure whose figure is counted by {@code counts} (SQL that counts by the same rule, so a figure request does not
 * load every unit); everything else, the units behind breakdowns and drill-down included, is the listed measure's.
 * Each use has a test that the counts equal the listed selection's.
 */
public record CountedInSql(Measure listed, FigureCounts counts) implements Measure {

    @Override
    public String name() {
        return listed.name();
    }

    @Override
    public String ruleName() {
        return listed.ruleName();
    }

    @Override
    public int ratePer() {
        return listed.ratePer();
    }

    @Override
    public int rateScale() {
        return listed.rateScale();
    }

    @Override
    public int changeScale() {
        return listed.changeScale();
    }

    @Override
    public YearOnYear.Convention changeConvention() {
        return listed.changeConvention();
    }

    @Override
    public LocalDate settlesAfter(ReportingPeriod period) {
        return listed.settlesAfter(period);
    }

    @Override
    public String band(BigDecimal exactRate, CountingRule rule) {
        return listed.band(exactRate, rule);
    }

    @Override
    public List<Dimension> dimensions() {
        return listed.dimensions();
    }

    @Override
    public Selection selection(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        return listed.selection(service, period, rule, recordedBefore);
    }

    @Override
    public Counts counts(String service, ReportingPeriod period, CountingRule rule, Instant recordedBefore) {
        return counts.of(service, period, rule, recordedBefore);
    }
}
