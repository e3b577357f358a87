package org.openyjs.kpi.board;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A management board meeting and the statutory partners represented at it (YJB KPI 8). Every statutory
 * partner the KPI 8 rule lists is expected at every meeting; those not in {@code attended} were absent.
 */
public record BoardMeeting(
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) UUID meetingId,
        @NotBlank @Schema(example = "leicester-city") String youthJusticeService,
        @NotNull @Schema(description = "the day the board met") LocalDate heldOn,
        @NotNull @Schema(description = "statutory partners represented (a deputy counts): CHILDRENS_SOCIAL_CARE, "
                + "EDUCATION, HEALTH, POLICE, PROBATION", example = "[\"POLICE\", \"HEALTH\"]") List<String> attended,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY, description = "the partners expected: the rule's list")
        List<String> expected,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) String enteredBy,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant enteredAt) {
}
