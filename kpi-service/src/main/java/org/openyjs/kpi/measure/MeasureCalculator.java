package org.openyjs.kpi.measure;

import org.openyjs.kpi.population.PopulationEstimates;
import org.openyjs.kpi.population.PopulationEstimates.Population;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.rebuild.RebuildService;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.kpi.rules.RuleBook;
import org.openyjs.support.web.DomainRefusal;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a measure's selection into a figure: rule version, the rule's age range, population, rate,
 * change on last year and whether it is final. Breakdowns, drill-down and export start from the same
 * {@link Evaluation}, so they always add up to the figure.
 */
@Service
public class MeasureCalculator {

    private final PopulationEstimates populations;
    private final RuleBook rules;
    private final RebuildService rebuild;
    private final Clock clock;

    /** Counts the same period last year while the caller counts this one (bounded; a caller runs it when full). */
    private final ThreadPoolExecutor lastYearCounts;

    public MeasureCalculator(PopulationEstimates populations, RuleBook rules, RebuildService rebuild, Clock clock,
                             @Value("${kpi.queries.last-year-threads}") int lastYearThreads) {
        this.populations = populations;
        this.rules = rules;
        this.rebuild = rebuild;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.lastYearCounts = new ThreadPoolExecutor(lastYearThreads, lastYearThreads, 0, TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread thread = new Thread(r, "kpi-last-year-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @PreDestroy
    void stop() {
        lastYearCounts.shutdown();
    }

    /**
     * A measure evaluated for a query: the rule used, the population, the units counted and, for a
     * proportion, the units of the denominator (null: the population is the denominator). Evaluated for a figure
     * alone ({@link #count}) it has only the counts (units null).
     */
    public record Evaluation(Measure measure, FigureQuery query, CountingRule rule, Population population,
                             List<Counted> counted, List<Counted> denominatorUnits, String denominatorUnit,
                             Long fixedDenominator, Counts counts) {

        public Evaluation(Measure measure, FigureQuery query, CountingRule rule, Population population,
                          List<Counted> counted) {
            this(measure, query, rule, population, counted, null, null, null, null);
        }

        public long numerator() {
            return counts != null ? counts.numerator() : counted.size();
        }

        public boolean perPopulation() {
            return fixedDenominator == null && (counts != null ? counts.denominatorUnits() == null : denominatorUnits == null);
        }

        public long denominator() {
            return fixedDenominator != null ? fixedDenominator
                    : perPopulation() ? population.tenToSeventeen()
                    : counts != null ? counts.denominatorUnits() : denominatorUnits.size();
        }

        /** The rate, or null for a proportion with nothing in its denominator. */
        public BigDecimal rate() {
            return denominator() <= 0 ? null
                    : Rate.per(numerator(), denominator(), measure.ratePer(), measure.rateScale());
        }

        BigDecimal exactRate() {
            return denominator() <= 0 ? null : Rate.exact(numerator(), denominator(), measure.ratePer());
        }

        /** What the denominator is: the population estimate, or the count of the denominator's units. */
        public String basis() {
            return perPopulation() ? population.basis() : denominatorUnit + " " + denominator();
        }
    }

    public Evaluation evaluate(Measure measure, FigureQuery query) {
        Population population = population(query);
        CountingRule rule = rules.resolve(measure.ruleName(), query.ruleVersion(), query.period().to());
        Selection selection = measure.selection(query.service(), query.period(), rule, recordedBefore(query.asOf()));
        return new Evaluation(measure, query, rule, population, selection.numerator(), selection.denominator(),
                selection.denominatorUnit(), selection.fixedDenominator(), null);
    }

    /** Like {@link #evaluate}, with the counts alone: what a figure shows, without loading its units. */
    public Evaluation count(Measure measure, FigureQuery query) {
        return count(measure, query, rules.resolve(measure.ruleName(), query.ruleVersion(), query.period().to()));
    }

    /** {@link #count} under a rule already resolved for the query (each resolution reads the rule book). */
    private Evaluation count(Measure measure, FigureQuery query, CountingRule rule) {
        Population population = population(query);
        Counts counts = measure.counts(query.service(), query.period(), rule, recordedBefore(query.asOf()));
        return new Evaluation(measure, query, rule, population, null, null, counts.denominatorUnit(),
                counts.fixedDenominator(), counts);
    }

    private Population population(FigureQuery query) {
        return populations.forPeriodEnding(query.service(), query.period().to())
                .orElseThrow(() -> new DomainRefusal("service", "unknown youth justice service '" + query.service()
                        + "' (no population estimates loaded); known: " + String.join(", ", populations.services())));
    }

    /**
     * A figure from counts alone. The same period last year is counted at the same time on another connection, so the
     * figure waits for the slower of the two counts rather than their sum.
     */
    public KpiFigure compute(Measure measure, FigureQuery query) {
        CountingRule rule = rules.resolve(measure.ruleName(), query.ruleVersion(), query.period().to());
        CompletableFuture<Evaluation> before = CompletableFuture.supplyAsync(
                () -> count(measure, sameTimeLastYear(query, rule)), lastYearCounts);
        Evaluation now;
        try {
            now = count(measure, query, rule);
        } catch (RuntimeException e) {
            before.cancel(false);
            throw e;
        }
        try {
            return figure(now, before.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The figure of an evaluation, with the same period last year. */
    public KpiFigure figure(Evaluation now) {
        return figure(now, count(now.measure(), sameTimeLastYear(now.query(), now.rule())));
    }

    /** Like with like: last year under the same rule version, as of the same date. */
    private static FigureQuery sameTimeLastYear(FigureQuery query, CountingRule rule) {
        return query.withPeriod(query.period().sameTimeLastYear()).withRuleVersion(rule.version());
    }

    private KpiFigure figure(Evaluation now, Evaluation before) {
        Measure measure = now.measure();
        FigureQuery query = now.query();
        ReportingPeriod period = query.period();
        LocalDate today = LocalDate.now(clock);
        BigDecimal exactNow = now.exactRate();
        BigDecimal exactBefore = before.exactRate();
        return new KpiFigure(measure.name(), now.rule().version(), query.service(), period.name(), period.from(),
                period.to(), query.asOf(), now.numerator(), now.denominator(), measure.ratePer(),
                now.rate(), now.basis(),
                // A rebuild empties the read model first: until it completes every figure is partial.
                !measure.settlesAfter(period).isBefore(query.asOf() == null ? today : query.asOf())
                        || rebuild.isRunning(),
                new YearOnYear(before.query().period().from(), before.query().period().to(), before.numerator(),
                        before.denominator(), before.rate(),
                        exactNow == null || exactBefore == null ? null : Rate.relativeChangePercent(exactNow, exactBefore),
                        exactNow == null || exactBefore == null ? null
                                : exactNow.subtract(exactBefore).setScale(measure.changeScale(), RoundingMode.HALF_UP),
                        measure.changeConvention()),
                measure.band(exactNow, now.rule()));
    }

    /** Convenience for callers with dates only. */
    public KpiFigure compute(Measure measure, String service, LocalDate from, LocalDate to) {
        return compute(measure, new FigureQuery(service, new ReportingPeriod(from, to), null, null));
    }

    /** The end of the as-of day in the service's time zone: outcomes recorded from then on are left out. */
    private Instant recordedBefore(LocalDate asOf) {
        if (asOf == null) {
            return null;
        }
        if (asOf.isAfter(LocalDate.now(clock))) {
            throw new DomainRefusal("asOf", "must not be in the future");
        }
        return asOf.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }
}
