package org.openyjs.cases.childcase;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.openyjs.cases.api.CaseCommands.CorrectOutcome;
import org.openyjs.cases.api.CaseCommands.OutcomeGiven;
import org.openyjs.cases.api.CaseCommands.RecordOffence;
import org.openyjs.cases.api.CaseCommands.RecordOutcome;
import org.openyjs.cases.api.CaseCommands.RegisterChild;
import org.openyjs.cases.api.CaseCommands.ReopenCase;

import java.time.LocalDate;

/**
 * Request bodies of the case API: shape and presence are checked here, domain rules in the aggregate.
 * They are also import rows' data (docs/import-format.md), so each builds its own command.
 */
public final class CaseRequests {

    static final String CHILD_ID_PATTERN = CaseIds.CHILD_ID;
    static final String CHILD_ID_MESSAGE = CaseIds.CHILD_ID_MESSAGE;
    static final String OFFENCE_ID_PATTERN = CaseIds.ID;
    static final String OFFENCE_ID_MESSAGE = CaseIds.ID_MESSAGE;

    private CaseRequests() {
    }

    /**
     * @param childId  pseudonymous id; generated when absent. Never a name.
     * @param openedOn the day the service opened the case, when earlier than today (a late entry or an import)
     */
    public record RegisterChildRequest(
            @Pattern(regexp = CHILD_ID_PATTERN, message = CHILD_ID_MESSAGE) String childId,
            @NotBlank String youthJusticeService,
            @NotNull LocalDate dateOfBirth,
            @NotBlank @Pattern(regexp = "MALE|FEMALE|OTHER|NOT_KNOWN", message = "must be MALE, FEMALE, OTHER or NOT_KNOWN")
            String sex,
            @NotBlank @Pattern(regexp = "[A-Z_]{2,64}", message = "must be an ethnicity code such as WHITE_BRITISH")
            String ethnicity,
            @NotBlank String localAuthority,
            LocalDate openedOn) {
        public RegisterChild command(String childId) {
            return new RegisterChild(childId, youthJusticeService, dateOfBirth, sex, ethnicity, localAuthority,
                    openedOn);
        }
    }

    /** With the offence id given, or one generated for a new offence. */
    public record RecordOffenceRequest(
            @Pattern(regexp = OFFENCE_ID_PATTERN, message = OFFENCE_ID_MESSAGE) String offenceId,
            @NotNull LocalDate offenceDate,
            @NotBlank String offenceCategory,
            @Min(1) @Max(5) Integer gravityScore,
            @NotNull Boolean admitted,
            @Valid OutcomeRequest outcome) {
        public RecordOffence command(String childId, String offenceId, Long expectedVersion) {
            return new RecordOffence(childId, offenceId, offenceDate, offenceCategory, gravityScore, admitted,
                    outcome == null ? null : new OutcomeGiven(outcome.code(), outcome.date()), expectedVersion);
        }
    }

    public record OutcomeRequest(@NotBlank String code, @NotNull LocalDate date) {
        public RecordOutcome command(String childId, String offenceId, Long expectedVersion) {
            return new RecordOutcome(childId, offenceId, code, date, null, expectedVersion);
        }
    }

    /** Closing or reopening: the day it happened and why. */
    public record ClosureRequest(@NotNull LocalDate on, @NotBlank @Size(max = 1000) String reason) {
        public ReopenCase reopen(String childId, Long expectedVersion) {
            return new ReopenCase(childId, on, reason, expectedVersion);
        }
    }

    /** Closing: the day, a closure code that leaves the service and the free-text reason that stays. */
    record CloseRequest(@NotNull LocalDate on,
                        @NotBlank @Pattern(regexp = "[A-Z_]{2,64}", message = "must be a closure code such as ORDER_COMPLETED")
                        String reasonCode,
                        @NotBlank @Size(max = 1000) String reason) {
    }

    public record CorrectionRequest(@NotBlank String code, @NotNull LocalDate date,
                                    @NotBlank @Size(max = 1000) String reason) {
        public CorrectOutcome command(String childId, String offenceId, Long expectedVersion) {
            return new CorrectOutcome(childId, offenceId, code, date, reason, expectedVersion);
        }
    }

    record Created(String childId, String offenceId) {
    }
}
