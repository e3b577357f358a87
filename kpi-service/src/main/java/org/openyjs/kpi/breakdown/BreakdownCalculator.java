package org.openyjs.kpi.breakdown;

import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.MeasureCalculator.Evaluation;
import org.openyjs.kpi.measure.Rate;
import org.openyjs.kpi.population.PopulationEstimates;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Service;

import org.openyjs.kpi.readmodel.CaseFacts;
import org.openyjs.kpi.readmodel.Counted;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Splits a figure by sex, ethnicity, age band, looked-after status or SEND, with each group's rate
 * against its own share of the local 10-17 population and the relative rate index (RRI) against the
 * reference group ({@code kpi.breakdowns.reference-groups}).
 */
@Service
public class BreakdownCalculator {

    /** RRI = group rate / reference group rate; the reference per dimension is configuration. */
    @ConfigurationProperties("kpi.breakdowns")
    public record Settings(Map<String, String> referenceGroups) {
        public Settings {
            referenceGroups = referenceGroups == null ? Map.of() : Map.copyOf(referenceGroups);
        }
    }

    private final MeasureCalculator calculator;
    private final PopulationEstimates populations;
    private final Settings settings;

    private final CaseFacts cases;
    private final Clock clock;

    public BreakdownCalculator(MeasureCalculator calculator, PopulationEstimates populations, Settings settings,
                               CaseFacts cases, Clock clock) {
        this.calculator = calculator;
        this.populations = populations;
        this.settings = settings;
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * How units fall into the dimension's groups. Looked-after status and SEND come from each child's latest
     * StatusRecorded answer assessed by the period's end (and recorded by the as-of day): a unit that is not a
     * child's, or a child with no answer, is NOT_RECORDED.
     */
    private Function<Counted, String> grouping(Evaluation evaluation, Dimension by) {
        if (!by.fromStatus()) {
            return by::groupOf;
        }
        Set<String> children = new HashSet<>();
        evaluation.counted().forEach(c -> children.add(c.childId()));
        if (evaluation.denominatorUnits() != null) {
            evaluation.denominatorUnits().forEach(c -> children.add(c.childId()));
        }
        children.remove(null);
        LocalDate asOf = evaluation.query().asOf();
        Map<String, CaseFacts.ChildStatus> statuses = cases.statusOn(children, evaluation.query().period().to(),
                asOf == null ? null : asOf.plusDays(1).atStartOfDay(clock.getZone()).toInstant());
        return c -> {
            CaseFacts.ChildStatus status = c.childId() == null ? null : statuses.get(c.childId());
            return by.groupOfAnswer(status == null ? null
                    : by == Dimension.LOOKED_AFTER ? status.lookedAfter() : status.sendIdentifiedNeed());
        };
    }

    public Breakdown breakdown(Measure measure, FigureQuery query, Dimension by) {
        return breakdown(calculator.evaluate(measure, query), by);
    }

    public Breakdown breakdown(Evaluation evaluation, Dimension by) {
        Measure measure = evaluation.measure();
        if (!measure.dimensions().contains(by)) {
            throw new DomainRefusal("by", "'" + by.parameter() + "' is not a breakdown of " + measure.name()
                    + "; use one of " + measure.dimensions().stream().map(Dimension::parameter).toList());
        }
        FigureQuery query = evaluation.query();
        Function<Counted, String> groupOf = grouping(evaluation, by);
        Map<String, Long> counted = evaluation.counted().stream()
                .collect(Collectors.groupingBy(groupOf, Collectors.counting()));
        Map<String, Long> population;
        String basis;
        if (by.composition()) {
            // The mix: each group's share of the whole numerator.
            population = new LinkedHashMap<>();
            counted.keySet().forEach(g -> population.put(g, evaluation.numerator()));
            basis = "share of the " + evaluation.numerator() + " counted";
        } else if (!evaluation.perPopulation()) {
            // A proportion: each group's numerator against its own denominator units.
            population = evaluation.denominatorUnits().stream()
                    .collect(Collectors.groupingBy(groupOf, Collectors.counting()));
            basis = evaluation.denominatorUnit() + " by " + by.parameter();
        } else {
            population = populations.cells(query.service(), evaluation.population().year()).stream()
                    .filter(cell -> by.groupOf(cell) != null)
                    .collect(Collectors.groupingBy(by::groupOf, Collectors.summingLong(PopulationEstimates.Cell::count)));
            basis = population.isEmpty() ? "the population estimates are not split by " + by.parameter()
                    : "10-17 population by " + by.parameter() + " (mid-" + evaluation.population().year()
                    + " estimate)";
        }

        // The standard groups first, in order, then any other group something was counted in.
        Map<String, Long> groups = new LinkedHashMap<>();
        by.groups().forEach(g -> groups.put(g, counted.getOrDefault(g, 0L)));
        counted.keySet().stream().filter(g -> !groups.containsKey(g)).sorted().forEach(g -> groups.put(g, counted.get(g)));
        if (!evaluation.perPopulation() && !by.composition()) {
            population.keySet().stream().filter(g -> !groups.containsKey(g)).sorted().forEach(g -> groups.put(g, 0L));
        }

        String reference = by.composition() ? null : settings.referenceGroups().get(by.parameter());
        BigDecimal referenceRate = reference == null ? null
                : exactRate(counted.getOrDefault(reference, 0L), population.get(reference), measure);
        List<Breakdown.Group> rows = new ArrayList<>();
        groups.forEach((group, numerator) -> {
            Long denominator = population.get(group);
            BigDecimal exact = exactRate(numerator, denominator, measure);
            rows.add(new Breakdown.Group(group, numerator, denominator,
                    exact == null ? null : Rate.per(numerator, denominator, measure.ratePer(), measure.rateScale()),
                    Rate.ratio(exact, referenceRate, 2)));
        });
        return new Breakdown(measure.name(), evaluation.rule().version(), query.service(), query.period().name(),
                query.period().from(), query.period().to(), query.asOf(), by.parameter(),
                population.isEmpty() ? null : reference, evaluation.numerator(), measure.ratePer(), basis, rows);
    }

    private static BigDecimal exactRate(long numerator, Long population, Measure measure) {
        return Objects.requireNonNullElse(population, 0L) <= 0 ? null
                : Rate.exact(numerator, population, measure.ratePer());
    }
}
