package org.openyjs.kpi.comparator;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A figure's RAG and what it was judged against; {@code rag} is null, with the reason, when it cannot be judged. */
public record RagJudgement(
        String measure,
        String youthJusticeService,
        LocalDate from,
        LocalDate to,
        BigDecimal rate,
        @Schema(description = "null when no RAG could be judged") Rag rag,
        @Schema(description = "the comparator the RAG used") Comparator comparator,
        BigDecimal comparatorRate,
        String comparatorSource,
        @Schema(example = "lower is better; AMBER up to 10% worse than FAMILY (161), RED beyond") String explanation,
        @Schema(description = "every comparator entered for this period, for context") List<ComparatorFigure> comparators) {
}
