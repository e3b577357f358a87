package org.openyjs.kpi.export;

import org.openyjs.kpi.breakdown.Breakdown;
import org.openyjs.kpi.breakdown.BreakdownCalculator;
import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.comparator.RagJudgement;
import org.openyjs.kpi.comparator.RagService;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.KpiFigure;
import org.openyjs.kpi.measure.Measure;
import org.openyjs.kpi.measure.MeasureCalculator;
import org.openyjs.kpi.measure.MeasureCalculator.Evaluation;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.kpi.measure.YearOnYear;
import org.openyjs.kpi.rules.RuleBook;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The KPI return as CSV: per measure, one row for the whole figure (with last year's, the change and
 * the RAG) and one row per group of each of its breakdowns; a measure with no rule version in force
 * on the period's last day has no rows. Each measure is evaluated once, so its rows add up.
 */
@Service
public class QuarterlyReturn {

    static final List<String> COLUMNS = List.of("measure", "rule_version", "service", "period", "from", "to", "as_of",
            "breakdown", "group", "numerator", "denominator", "rate_per", "rate", "relative_rate_index",
            "previous_numerator", "previous_rate", "change_percent", "change_in_rate", "change_convention", "rag",
            "rag_comparator", "provisional", "population_basis");

    private final Measures measures;
    private final MeasureCalculator calculator;
    private final BreakdownCalculator breakdowns;
    private final RagService rag;
    private final RuleBook rules;

    public QuarterlyReturn(Measures measures, MeasureCalculator calculator, BreakdownCalculator breakdowns,
                           RagService rag, RuleBook rules) {
        this.rules = rules;
        this.measures = measures;
        this.calculator = calculator;
        this.breakdowns = breakdowns;
        this.rag = rag;
    }

    /** One row of the return; the columns are {@link #COLUMNS}, in order. */
    private record Line(KpiFigure f, String breakdown, String group, long numerator, Long denominator,
                        BigDecimal rate, BigDecimal relativeRateIndex, YearOnYear lastYear, RagJudgement judged,
                        String populationBasis) {

        List<Object> cells() {
            YearOnYear y = lastYear;
            return Arrays.asList(f.measure(), f.ruleVersion(), f.youthJusticeService(), f.period(), f.from(), f.to(),
                    f.asOf(), breakdown, group, numerator, denominator, f.ratePer(), rate, relativeRateIndex,
                    y == null ? null : y.numerator(), y == null ? null : y.rate(), y == null ? null : y.changePercent(),
                    y == null ? null : y.changeInRate(), y == null ? null : y.convention(),
                    judged == null ? null : judged.rag(),
                    judged == null || judged.rag() == null ? null : judged.comparator(),
                    f.provisional(), populationBasis);
        }
    }

    public String csv(FigureQuery query) {
        List<Line> lines = new ArrayList<>();
        for (Measure measure : measures.all()) {
            if (query.ruleVersion() == null && !rules.anyInForceOn(measure.ruleName(), query.period().to())) {
                continue; // e.g. the YJB KPIs for a period before April 2023: no rule, no row
            }
            Evaluation evaluation = calculator.evaluate(measure, query);
            KpiFigure f = calculator.figure(evaluation);
            lines.add(new Line(f, "all", "ALL", f.numerator(), f.denominator(), f.rate(), null, f.sameTimeLastYear(),
                    rag.judge(evaluation), f.populationBasis()));
            for (Dimension by : measure.dimensions()) {
                Breakdown b = breakdowns.breakdown(evaluation, by);
                b.groups().forEach(g -> lines.add(new Line(f, by.parameter(), g.group(), g.numerator(), g.denominator(),
                        g.rate(), g.relativeRateIndex(), null, null, b.populationBasis())));
            }
        }
        return Stream.concat(Stream.<List<?>>of(COLUMNS), lines.stream().map(Line::cells))
                .map(r -> r.stream().map(QuarterlyReturn::cell).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** RFC 4180: quote a cell holding a comma, quote or line break; an absent value is an empty cell. */
    static String cell(Object value) {
        String text = Objects.toString(value instanceof BigDecimal d ? d.toPlainString() : value, "");
        return Stream.of(",", "\"", "\n", "\r").anyMatch(text::contains) ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
