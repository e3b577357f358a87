package org.openyjs.kpi.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openyjs.kpi.measure.FigureParameters;
import org.openyjs.kpi.measure.FigureQuery;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Export", description = "The KPI return as CSV")
public class ExportController {

    private final QuarterlyReturn quarterlyReturn;

    public ExportController(QuarterlyReturn quarterlyReturn) {
        this.quarterlyReturn = quarterlyReturn;
    }

    @GetMapping(path = "/kpi/export/quarterly-return", produces = "text/csv")
    @Operation(summary = "The KPI return for a service and period as CSV",
            description = "One row per measure (with last year and the RAG) and one per group of each breakdown "
                    + "(sex, ethnicity, age-band, looked-after, send). Usually a quarter: period=2023-24-Q1.")
    public ResponseEntity<String> quarterlyReturn(@ParameterObject @ModelAttribute FigureParameters parameters) {
        FigureQuery query = FigureQuery.of(parameters);
        String name = "kpi-return-" + query.service() + "-"
                + (query.period().name() != null ? query.period().name() : query.period().from() + "-" + query.period().to())
                + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
                .body(quarterlyReturn.csv(query));
    }
}
