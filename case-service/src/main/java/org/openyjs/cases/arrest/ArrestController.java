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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Arrest and police custody. The local rule: a worker is allocated at the point of arrest; until one
 * is, {@code GET /cases/{childId}} shows WORKER_ALLOCATION due (overdue from the day after the arrest).
 */
@Tag(name = "Arrest and police custody")
@RestController
@RequestMapping("/cases/{childId}")
public class ArrestController {

    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private final CommandGateway commands;

    public ArrestController(CommandGateway commands) {
        this.commands = commands;
    }

    record ArrestRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String arrestId, @NotNull Instant arrestedAt,
                         @NotNull Boolean heldOvernight) {
    }

    record AllocationRequest(@NotBlank @Size(max = 255) String worker, @NotNull Instant allocatedAt) {
    }

    record PaceTransferRequest(@NotNull Boolean provided) {
    }

    record ResultRequest(@NotBlank String result) {
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "Record an arrest (time, held overnight)")
    @PostMapping("/arrests")
    public ResponseEntity<Recorded> arrest(@PathVariable String childId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ArrestRequest request) {
        String arrestId = request.arrestId() != null ? request.arrestId() : UUID.randomUUID().toString();
        commands.sendAndWait(new RecordArrest(childId, arrestId, request.arrestedAt(), request.heldOvernight(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, arrestId);
    }

    @Operation(summary = "Allocate a worker at the point of arrest")
    @PostMapping("/arrests/{arrestId}/worker-allocation")
    public ResponseEntity<Recorded> allocateAtArrest(@PathVariable String childId, @PathVariable String arrestId,
                                                     @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                     String ifMatch,
                                                     @Valid @RequestBody AllocationRequest request) {
        commands.sendAndWait(new AllocateWorker(childId, request.worker(), request.allocatedAt(), arrestId,
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, arrestId);
    }

    @Operation(summary = "Allocate (or reallocate) the child's worker, not at an arrest")
    @PostMapping("/worker-allocation")
    public ResponseEntity<Recorded> allocate(@PathVariable String childId,
                                             @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody AllocationRequest request) {
        commands.sendAndWait(new AllocateWorker(childId, request.worker(), request.allocatedAt(), null,
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, null);
    }

    @Operation(summary = "Record that a PACE transfer was requested for a child held overnight, and whether it was provided")
    @PostMapping("/arrests/{arrestId}/pace-transfer")
    public ResponseEntity<Recorded> paceTransfer(@PathVariable String childId, @PathVariable String arrestId,
                                                 @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                 String ifMatch,
                                                 @Valid @RequestBody PaceTransferRequest request) {
        commands.sendAndWait(new RecordPaceTransfer(childId, arrestId, request.provided(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, arrestId);
    }

    @Operation(summary = "Record what came of the arrest: CHARGED, BAILED, RELEASED_UNDER_INVESTIGATION, "
            + "NO_FURTHER_ACTION or REFERRED_TO_PANEL")
    @PostMapping("/arrests/{arrestId}/result")
    public ResponseEntity<Recorded> result(@PathVariable String childId, @PathVariable String arrestId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ResultRequest request) {
        commands.sendAndWait(new RecordArrestResult(childId, arrestId, request.result(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, arrestId);
    }

    private static ResponseEntity<Recorded> created(String childId, String id) {
        return ResponseEntity.created(URI.create("/cases/" + childId)).body(new Recorded(childId, id));
    }
}
