package org.openyjs.kpi.measure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openyjs.kpi.custody.UseOfCustody;
import org.openyjs.kpi.firsttimeentrants.FirstTimeEntrants;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** The headline measures. Both share one calculator; only the counting rule differs. */
@RestController
@RequestMapping(path = "/kpi", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "KPIs", description = "Headline youth justice measures for one service and period, computed from the recorded events")
@ApiResponse(responseCode = "200", description = "the figure", useReturnTypeSchema = true)
@ApiResponse(responseCode = "400", description = "unknown service, or a missing or invalid date; the problem names the field",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
public class KpiController {

    private final MeasureCalculator calculator;
    private final FirstTimeEntrants firstTimeEntrants;
    private final UseOfCustody useOfCustody;

    public KpiController(MeasureCalculator calculator, FirstTimeEntrants firstTimeEntrants, UseOfCustody useOfCustody) {
        this.calculator = calculator;
        this.firstTimeEntrants = firstTimeEntrants;
        this.useOfCustody = useOfCustody;
    }

    @GetMapping("/first-time-entrants")
    @Operation(summary = "First-time entrants per 100,000 of the 10-17 population",
            description = "Rule v1: children whose earliest youth caution, youth conditional caution or court disposal "
                    + "is dated in the period and who were aged 10-17 on that date. Community resolutions, "
                    + "Outcomes 20-22 and no further action do not count.")
    public KpiFigure firstTimeEntrants(
            @Parameter(description = "youth justice service, e.g. leicester-city") @RequestParam("service") String service,
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day (inclusive), yyyy-MM-dd") @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return calculator.compute(firstTimeEntrants, service, from, to);
    }

    @GetMapping("/custody")
    @Operation(summary = "Custodial sentences per 1,000 of the 10-17 population",
            description = "Rule v1: detention and training orders and section 250/259 detention dated in the period, "
                    + "counted per sentence (a child sentenced twice counts twice).")
    public KpiFigure custody(
            @Parameter(description = "youth justice service, e.g. leicester-city") @RequestParam("service") String service,
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day (inclusive), yyyy-MM-dd") @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return calculator.compute(useOfCustody, service, from, to);
    }
}
