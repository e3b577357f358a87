package org.openyjs.kpi.comparator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.openyjs.kpi.measure.FigureParameters;
import org.openyjs.kpi.measure.FigureQuery;
import org.openyjs.kpi.measure.Measures;
import org.openyjs.support.web.RequestUser;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Comparators and RAG", description = "Family, regional and national comparators and RAG thresholds, "
        + "entered by analysts; the RAG of a figure judged from them")
public class ComparatorController {

    private final RagService rag;
    private final ComparatorStore store;
    private final Measures measures;

    public ComparatorController(RagService rag, ComparatorStore store, Measures measures) {
        this.rag = rag;
        this.store = store;
        this.measures = measures;
    }

    @GetMapping(path = "/kpi/{measure}/rag", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A figure's RAG against the comparator its threshold names, for exactly that period")
    public RagJudgement rag(@PathVariable("measure") String measure,
                            @ParameterObject @ModelAttribute FigureParameters parameters) {
        return rag.judge(measures.named(measure), FigureQuery.of(parameters));
    }

    @GetMapping(path = "/kpi/comparators", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The comparator figures entered for a service")
    public List<ComparatorFigure> comparators(@Parameter(description = "youth justice service") @RequestParam("service") String service) {
        return store.comparators(service);
    }

    @GetMapping(path = "/kpi/rag-thresholds", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The RAG thresholds entered for a service")
    public List<RagThreshold> thresholds(@Parameter(description = "youth justice service") @RequestParam("service") String service) {
        return store.thresholds(service);
    }

    @PutMapping(path = "/kpi/admin/comparators", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Enter (or correct) a comparator's rate for a measure, service and period (analyst, admin)")
    public ComparatorFigure enter(@Valid @RequestBody ComparatorFigure figure) {
        return rag.enter(figure, RequestUser.name().orElse("unknown"));
    }

    @PutMapping(path = "/kpi/admin/rag-thresholds", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set how a measure's RAG is judged for a service (analyst, admin)")
    public RagThreshold enter(@Valid @RequestBody RagThreshold threshold) {
        return rag.enter(threshold, RequestUser.name().orElse("unknown"));
    }
}
