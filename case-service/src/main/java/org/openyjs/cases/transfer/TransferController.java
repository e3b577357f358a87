package org.openyjs.cases.transfer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.RecordTransitionDecision;
import org.openyjs.cases.api.CaseCommands.TransferCase;
import org.openyjs.cases.childcase.CaseVersion;
import org.openyjs.cases.childcase.CaseWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** Transitions to adult probation and transfers between youth justice services. */
@Tag(name = "Transitions and transfers")
@RestController
@RequestMapping("/cases/{childId}")
public class TransferController {

    private final CommandGateway commands;

    public TransferController(CommandGateway commands) {
        this.commands = commands;
    }

    /** Also import rows' data (docs/import-format.md). */
    public record DecisionRequest(@NotNull LocalDate decidedOn, @NotBlank String decision) {
        public RecordTransitionDecision command(String childId, Long expectedVersion) {
            return new RecordTransitionDecision(childId, decidedOn, decision, expectedVersion);
        }
    }

    /** Also import rows' data. */
    public record TransferRequest(@NotBlank String direction, @NotBlank String otherYouthJusticeService,
                                  @NotBlank String arrangement, @NotNull LocalDate transferredOn) {
        public TransferCase command(String childId, Long expectedVersion) {
            return new TransferCase(childId, direction, otherYouthJusticeService, arrangement, transferredOn,
                    expectedVersion);
        }
    }

    record Recorded(String childId) {
    }

    @Operation(summary = "Record the transition decision (TRANSFER_TO_PROBATION or REMAIN_WITH_YOUTH_JUSTICE), due at 17.5")
    @PostMapping("/transition-decision")
    public ResponseEntity<Recorded> decide(@PathVariable String childId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody DecisionRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, version), childId,
                new Recorded(childId));
    }

    @Operation(summary = "Transfer the case OUT to or IN from another youth justice service (TRANSFER or CARETAKING); "
            + "a case transferred out records nothing more until it is transferred back in")
    @PostMapping("/transfers")
    public ResponseEntity<Recorded> transfer(@PathVariable String childId,
                                             @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody TransferRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, version), childId,
                new Recorded(childId));
    }
}
