package org.openyjs.kpi.comparator;

import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.MeasureCalculator.Evaluation;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.population.PopulationEstimates;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Judges a figure's RAG from the threshold and comparator an analyst entered. The published (rounded)
 * rate is compared, as the reader of the table would compare it.
 */
@Service
public class RagService {

    private final ComparatorStore store;
    private final MeasureCalculator calculator;
    private final Measures measures;
    private final PopulationEstimates populations;

    public RagService(ComparatorStore store, MeasureCalculator calculator, Measures measures,
                      PopulationEstimates populations) {
        this.store = store;
        this.calculator = calculator;
        this.measures = measures;
        this.populations = populations;
    }

    public RagJudgement judge(Measure measure, FigureQuery query) {
        return judge(calculator.evaluate(measure, query));
    }

    public RagJudgement judge(Evaluation evaluation) {
        String measure = evaluation.measure().name();
        FigureQuery query = evaluation.query();
        BigDecimal rate = evaluation.rate();
        List<ComparatorFigure> comparators = store.comparators(measure, query.service(), query.period().from(),
                query.period().to());
        Optional<RagThreshold> threshold = store.threshold(measure, query.service());
        if (threshold.isEmpty()) {
            return new RagJudgement(measure, query.service(), query.period().from(), query.period().to(), rate, null,
                    null, null, null, "no RAG threshold entered for " + measure + " in " + query.service(), comparators);
        }
        RagThreshold t = threshold.get();
        Optional<ComparatorFigure> against = comparators.stream().filter(c -> c.comparator() == t.comparator()).findFirst();
        if (against.isEmpty()) {
            return new RagJudgement(measure, query.service(), query.period().from(), query.period().to(), rate, null,
                    t.comparator(), null, null, "no " + t.comparator() + " comparator entered for "
                    + query.period().from() + " to " + query.period().to(), comparators);
        }
        ComparatorFigure c = against.get();
        if (rate == null) {
            return new RagJudgement(measure, query.service(), query.period().from(), query.period().to(), null, null,
                    t.comparator(), c.rate(), c.source(), "no figure: nothing in the denominator", comparators);
        }
        Rag rag = Rag.judge(rate, c.rate(), t.lowerIsBetter(), t.amberBandPercent());
        String explanation = (t.lowerIsBetter() ? "lower" : "higher") + " is better; GREEN at or "
                + (t.lowerIsBetter() ? "below " : "above ") + t.comparator() + " (" + c.rate().toPlainString()
                + "), AMBER up to " + t.amberBandPercent().stripTrailingZeros().toPlainString() + "% worse, RED beyond";
        return new RagJudgement(measure, query.service(), query.period().from(), query.period().to(), rate, rag,
                t.comparator(), c.rate(), c.source(), explanation, comparators);
    }

    public ComparatorFigure enter(ComparatorFigure figure, String enteredBy) {
        check(figure.measure(), figure.youthJusticeService());
        if (figure.from().isAfter(figure.to())) {
            throw new DomainRefusal("from", "must be on or before to (" + figure.to() + ")");
        }
        return store.save(figure, enteredBy);
    }

    public RagThreshold enter(RagThreshold threshold, String enteredBy) {
        check(threshold.measure(), threshold.youthJusticeService());
        return store.save(threshold, enteredBy);
    }

    private void check(String measure, String service) {
        if (measures.all().stream().noneMatch(m -> m.name().equals(measure))) {
            throw new DomainRefusal("measure", "no measure '" + measure + "'; known: "
                    + measures.all().stream().map(Measure::name).toList());
        }
        if (!populations.services().contains(service)) {
            throw new DomainRefusal("youthJusticeService", "unknown youth justice service '" + service + "'; known: "
                    + String.join(", ", populations.services()));
        }
    }
}
