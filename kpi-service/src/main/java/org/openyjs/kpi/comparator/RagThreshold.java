package org.openyjs.kpi.comparator;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;
import java.time.Instant;

/** How one measure's RAG is judged for one service. The seeds give no thresholds: the service sets them. */
public record RagThreshold(
        @NotBlank @Schema(example = "first-time-entrants") String measure,
        @NotBlank @Schema(example = "leicester-city") String youthJusticeService,
        @NotNull @Schema(description = "the comparator the RAG is judged against") Comparator comparator,
        @NotNull @Schema(description = "true when a lower rate is better (first-time entrants, custody)") Boolean lowerIsBetter,
        @NotNull @PositiveOrZero @Schema(description = "worse than the comparator by up to this % of its rate is amber",
                example = "10") BigDecimal amberBandPercent,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String enteredBy,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant enteredAt) {
}
