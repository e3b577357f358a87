package org.openyjs.kpi.reference;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A service-level figure an admin enters, valid for a date range: a figure for a period uses the row whose
 * range holds the period's last day.
 */
public record ReferenceFigure(
        @NotNull @Schema(description = "LOOKED_AFTER_CHILDREN (the local authority's children looked after) or "
                + "PRACTITIONER_FTE (case-holding practitioners, full-time equivalent)") Kind kind,
        @NotBlank @Schema(example = "leicester-city") String youthJusticeService,
        @NotNull @Schema(description = "first day the figure holds") LocalDate validFrom,
        @NotNull @Schema(description = "last day the figure holds (inclusive)") LocalDate validTo,
        @NotNull @PositiveOrZero @Schema(example = "12.5") BigDecimal value,
        @Schema(description = "where the figure came from", example = "SSDA903 return 2023-24") String source,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String enteredBy,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant enteredAt) {

    public enum Kind { LOOKED_AFTER_CHILDREN, PRACTITIONER_FTE }
}
