package org.openyjs.kpi.measure;

import org.openyjs.kpi.population.Populations;
import org.openyjs.kpi.rebuild.RebuildService;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;

/** Turns a measure's numerator into a figure: population, rate, basis and whether it is final. */
@Service
public class MeasureCalculator {

    private final Populations populations;
    private final RebuildService rebuild;
    private final Clock clock;

    public MeasureCalculator(Populations populations, RebuildService rebuild, Clock clock) {
        this.populations = populations;
        this.rebuild = rebuild;
        this.clock = clock;
    }

    public KpiFigure compute(Measure measure, String youthJusticeService, LocalDate from, LocalDate to) {
        Populations.Population population = populations.of(youthJusticeService)
                .orElseThrow(() -> new DomainRefusal("service", "unknown youth justice service '"
                        + youthJusticeService + "'; known: " + String.join(", ", populations.services())));
        ReportingPeriod period = new ReportingPeriod(from, to);
        long numerator = measure.numerator(youthJusticeService, period);
        return new KpiFigure(measure.name(), measure.ruleVersion(), youthJusticeService, from, to, numerator,
                population.tenToSeventeen(), measure.ratePer(),
                Rate.per(numerator, population.tenToSeventeen(), measure.ratePer(), measure.rateScale()),
                population.basis(),
                // A rebuild empties the read model first: until it completes every figure is partial.
                period.openOn(LocalDate.now(clock)) || rebuild.isRunning());
    }
}
