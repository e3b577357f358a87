package org.openyjs.kpi.comparator;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A comparator's published rate for one measure, service and period, in the measure's unit. */
public record ComparatorFigure(
        @NotBlank @Schema(example = "first-time-entrants") String measure,
        @NotBlank @Schema(example = "leicester-city") String youthJusticeService,
        @NotNull Comparator comparator,
        @NotNull @Schema(description = "first day of the period (inclusive)") LocalDate from,
        @NotNull @Schema(description = "last day of the period (inclusive)") LocalDate to,
        @NotNull @PositiveOrZero @Schema(example = "161") BigDecimal rate,
        @Schema(description = "where the figure was published", example = "YJB youth justice statistics 2023-24") String source,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String enteredBy,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant enteredAt) {
}
