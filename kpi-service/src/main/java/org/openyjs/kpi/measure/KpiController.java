package org.openyjs.kpi.measure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openyjs.kpi.breakdown.Breakdown;
import org.openyjs.kpi.breakdown.BreakdownCalculator;
import org.openyjs.kpi.breakdown.Dimension;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.kpi.rules.RuleBook;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every measure through the same endpoints: the figure, its breakdowns and its drill-down. A new
 * measure bean appears here without a change.
 */
@RestController
@RequestMapping(path = "/kpi", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "KPIs", description = "Youth justice measures for one service and period, computed from the recorded events")
@ApiResponse(responseCode = "200", description = "the figure", useReturnTypeSchema = true)
@ApiResponse(responseCode = "400", description = "unknown service, a bad period, date, rule version or breakdown; "
        + "the problem names the field",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404", description = "no such measure",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
public class KpiController {

    private static final String MEASURES = "first-time-entrants (per 100,000), custody (per 1,000), reoffending-binary, "
            + "reoffending-frequency, reoffending-per-child, yjb-kpi-1-accommodation .. yjb-kpi-10-victims-*, "
            + "oocd-outcome-mix, panel-timeliness, ete-statutory-orders[-school-age|-above-school-age], "
            + "yjb-kpi-8-board-attendance, yjb-kpi-9-serious-violence, remands, remands-not-sentenced-to-custody, "
            + "home-visit-after-court, resettlement-accommodation-referral, psr-quality, psr-congruence, qa-reviews, "
            + "national-standards, looked-after-known, caseload; all at GET /kpi/measures, rules at GET /kpi/rules";

    private final Measures measures;
    private final MeasureCalculator calculator;
    private final BreakdownCalculator breakdowns;

    private final RuleBook rules;

    public KpiController(Measures measures, MeasureCalculator calculator, BreakdownCalculator breakdowns,
                         RuleBook rules) {
        this.rules = rules;
        this.measures = measures;
        this.calculator = calculator;
        this.breakdowns = breakdowns;
    }

    /** One measure: its name in URLs, the counting rule it counts by, its versions, its rate unit and its breakdowns. */
    public record MeasureInfo(String name, String rule, List<RuleVersion> ruleVersions, int ratePer, int rateScale,
                              List<String> breakdowns) {
    }

    /** A version of the measure's rule and when it is in force (the definition: GET /kpi/rules). */
    public record RuleVersion(int version, String title, java.time.LocalDate effectiveFrom,
                              java.time.LocalDate effectiveTo) {
    }

    @GetMapping("/measures")
    @Operation(summary = "Every measure: its name in /kpi/{measure}, the counting rule it counts by (GET /kpi/rules; "
            + "several measures can share one rule, e.g. the three reoffending figures), its unit and breakdowns")
    public List<MeasureInfo> measures() {
        Map<String, List<RuleVersion>> versions = rules.all().stream().collect(Collectors.groupingBy(
                CountingRule::measure, Collectors.mapping(r -> new RuleVersion(r.version(), r.title(), r.effectiveFrom(),
                        r.effectiveTo()), Collectors.toList())));
        return measures.all().stream().map(m -> new MeasureInfo(m.name(), m.ruleName(),
                versions.getOrDefault(m.ruleName(), List.of()), m.ratePer(), m.rateScale(),
                m.dimensions().stream().map(Dimension::parameter).toList())).toList();
    }

    @GetMapping("/{measure}")
    @Operation(summary = "A measure's figure for a service and period, with the same period last year",
            description = "Period by name (period=FY2023-24) or by from/to. The rule version in force on the period's "
                    + "last day unless ruleVersion is given; everything recorded so far unless asOf is given.")
    public KpiFigure figure(@Parameter(description = MEASURES) @PathVariable("measure") String measure,
                            @ParameterObject @ModelAttribute FigureParameters parameters) {
        return calculator.compute(measures.named(measure), FigureQuery.of(parameters));
    }

    @GetMapping("/{measure}/breakdown")
    @Operation(summary = "A figure broken down by sex, ethnicity, age-band, looked-after or send, with the relative rate "
            + "index against the local 10-17 population (a proportion: against each group's own denominator units); "
            + "oocd-outcome-mix also by outcome-code (the mix)")
    public Breakdown breakdown(@Parameter(description = MEASURES) @PathVariable("measure") String measure,
                               @Parameter(description = "sex, ethnicity, age-band, looked-after, send (measures of children) or outcome-code")
                               @RequestParam("by") String by,
                               @ParameterObject @ModelAttribute FigureParameters parameters) {
        Measure m = measures.named(measure);
        return breakdowns.breakdown(m, FigureQuery.of(parameters), Dimension.of(by));
    }

    @GetMapping("/{measure}/children")
    @Operation(summary = "The pseudonymous children and the events behind the numerator",
            description = "One entry per unit counted (a child for first-time entrants, a sentence for custody).")
    public DrillDown children(@Parameter(description = MEASURES) @PathVariable("measure") String measure,
                              @ParameterObject @ModelAttribute FigureParameters parameters) {
        return DrillDown.of(calculator.evaluate(measures.named(measure), FigureQuery.of(parameters)));
    }
}
