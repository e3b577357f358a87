package org.openyjs.cases.arrest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.AllocateWorker;
import org.openyjs.cases.api.CaseCommands.RecordArrest;
import org.openyjs.cases.api.CaseCommands.RecordArrestResult;
import org.openyjs.cases.api.CaseCommands.RecordPaceTransfer;
import org.openyjs.cases.childcase.CaseVersion;
import org.openyjs.cases.childcase.CaseWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

import static org.openyjs.cases.childcase.CaseIds.ID;
import static org.openyjs.cases.childcase.CaseIds.ID_MESSAGE;

/**
 * Arrest and police custody. The local rule: a worker is allocated at the point of arrest; until one
 * is, {@code GET /cases/{childId}} shows WORKER_ALLOCATION due (overdue from the day after the arrest).
 */
@Tag(name = "Arrest and police custody")
@RestController
@RequestMapping("/cases/{childId}")
public class ArrestController {

    private final CommandGateway commands;

    public ArrestController(CommandGateway commands) {
        this.commands = commands;
    }

    /** With the arrest id given, or one generated for a new arrest. Also import rows' data. */
    public record ArrestRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String arrestId,
                                @NotNull Instant arrestedAt, @NotNull Boolean heldOvernight) {
        public RecordArrest command(String childId, String arrestId, Long expectedVersion) {
            return new RecordArrest(childId, arrestId, arrestedAt, heldOvernight, expectedVersion);
        }
    }

    // The bodies below are also import rows' data (docs/import-format.md): each builds its own command.

    /** At an arrest when {@code arrestId} is given, otherwise not. */
    public record AllocationRequest(@NotBlank @Size(max = 255) String worker, @NotNull Instant allocatedAt) {
        public AllocateWorker command(String childId, String arrestId, Long expectedVersion) {
            return new AllocateWorker(childId, worker, allocatedAt, arrestId, expectedVersion);
        }
    }

    public record PaceTransferRequest(@NotNull Boolean provided) {
        public RecordPaceTransfer command(String childId, String arrestId, Long expectedVersion) {
            return new RecordPaceTransfer(childId, arrestId, provided, expectedVersion);
        }
    }

    public record ResultRequest(@NotBlank String result) {
        public RecordArrestResult command(String childId, String arrestId, Long expectedVersion) {
            return new RecordArrestResult(childId, arrestId, result, expectedVersion);
        }
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "Record an arrest (time, held overnight)")
    @PostMapping("/arrests")
    public ResponseEntity<Recorded> arrest(@PathVariable String childId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ArrestRequest request) {
        String arrestId = request.arrestId() != null ? request.arrestId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, arrestId, version), childId,
                new Recorded(childId, arrestId));
    }

    @Operation(summary = "Allocate a worker at the point of arrest")
    @PostMapping("/arrests/{arrestId}/worker-allocation")
    public ResponseEntity<Recorded> allocateAtArrest(@PathVariable String childId, @PathVariable String arrestId,
                                                     @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                     String ifMatch,
                                                     @Valid @RequestBody AllocationRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, arrestId, version), childId,
                new Recorded(childId, arrestId));
    }

    @Operation(summary = "Allocate (or reallocate) the child's worker, not at an arrest")
    @PostMapping("/worker-allocation")
    public ResponseEntity<Recorded> allocate(@PathVariable String childId,
                                             @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody AllocationRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, null, version), childId,
                new Recorded(childId, null));
    }

    @Operation(summary = "Record that a PACE transfer was requested for a child held overnight, and whether it was provided")
    @PostMapping("/arrests/{arrestId}/pace-transfer")
    public ResponseEntity<Recorded> paceTransfer(@PathVariable String childId, @PathVariable String arrestId,
                                                 @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                 String ifMatch,
                                                 @Valid @RequestBody PaceTransferRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, arrestId, version), childId,
                new Recorded(childId, arrestId));
    }

    @Operation(summary = "Record what came of the arrest: CHARGED, BAILED, RELEASED_UNDER_INVESTIGATION, "
            + "NO_FURTHER_ACTION or REFERRED_TO_PANEL")
    @PostMapping("/arrests/{arrestId}/result")
    public ResponseEntity<Recorded> result(@PathVariable String childId, @PathVariable String arrestId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ResultRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, arrestId, version), childId,
                new Recorded(childId, arrestId));
    }
}
