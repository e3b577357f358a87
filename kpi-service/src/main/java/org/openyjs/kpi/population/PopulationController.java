package org.openyjs.kpi.population;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.StringReader;
import java.util.List;
import java.util.SortedSet;

@RestController
@Tag(name = "Population", description = "ONS-style mid-year estimates: the denominators of every rate")
public class PopulationController {

    private final PopulationEstimates estimates;

    public PopulationController(PopulationEstimates estimates) {
        this.estimates = estimates;
    }

    /** What an upload wrote. */
    public record Loaded(SortedSet<String> serviceYears, int rows) {
    }

    @GetMapping(path = "/kpi/population", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The loaded estimates: 10-17 total per service and year, and where each came from")
    public List<PopulationEstimates.LoadedYear> loaded() {
        return estimates.loaded();
    }

    @PostMapping(path = "/kpi/admin/population", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Load mid-year estimates (admin)", description = "CSV with the header "
            + "service,year,age,sex,ethnicity,count. Every service-year in the file replaces what was loaded for it; "
            + "the file is refused whole, naming the line, if any row is bad.")
    public Loaded upload(@RequestBody String csv) {
        List<PopulationCsv.Estimate> rows = PopulationCsv.read(new StringReader(csv));
        return new Loaded(estimates.load(rows, "upload", true), rows.size());
    }
}
