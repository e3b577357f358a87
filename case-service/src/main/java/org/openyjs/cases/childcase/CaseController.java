package org.openyjs.cases.childcase;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.access.CaseAccessAudit;
import org.openyjs.cases.api.CaseCommands.CloseCase;
import org.openyjs.cases.childcase.CaseRequests.CloseRequest;
import org.openyjs.cases.childcase.CaseRequests.ClosureRequest;
import org.openyjs.cases.childcase.CaseRequests.CorrectionRequest;
import org.openyjs.cases.childcase.CaseRequests.Created;
import org.openyjs.cases.childcase.CaseRequests.OutcomeRequest;
import org.openyjs.cases.childcase.CaseRequests.RecordOffenceRequest;
import org.openyjs.cases.childcase.CaseRequests.RegisterChildRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** Records facts on a child's case. Each call is one command: it is recorded whole or refused. */
@Tag(name = "Child's case")
@RestController
@RequestMapping("/cases")
public class CaseController {

    private final CommandGateway commands;

    public CaseController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(summary = "Register a child and open their case")
    @PostMapping
    public ResponseEntity<Created> register(@Valid @RequestBody RegisterChildRequest request,
                                            HttpServletRequest http) {
        String childId = request.childId() != null ? request.childId() : UUID.randomUUID().toString();
        // The path names no child: tell the access audit which record this writes.
        http.setAttribute(CaseAccessAudit.CHILD_ATTRIBUTE, childId);
        commands.sendAndWait(request.command(childId));
        return ResponseEntity.created(CaseWrites.location(childId)).body(new Created(childId, null));
    }

    @Operation(summary = "Record an offence, with its outcome when known")
    @PostMapping("/{childId}/offences")
    public ResponseEntity<Created> recordOffence(@PathVariable String childId,
                                                 @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody RecordOffenceRequest request) {
        String offenceId = request.offenceId() != null ? request.offenceId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, version),
                offence(childId, offenceId), new Created(childId, offenceId));
    }

    @Operation(summary = "Record the outcome of an offence already on the case")
    @PostMapping("/{childId}/offences/{offenceId}/outcome")
    public ResponseEntity<Created> recordOutcome(@PathVariable String childId, @PathVariable String offenceId,
                                                 @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody OutcomeRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, version),
                offence(childId, offenceId), new Created(childId, offenceId));
    }

    @Operation(summary = "Close the case with a reason code (ORDER_COMPLETED, PREVENTION_COMPLETED, TRANSFERRED, AGED_OUT, "
            + "NO_FURTHER_INVOLVEMENT) and a free-text reason; nothing more is recorded until it is reopened")
    @PostMapping("/{childId}/closure")
    public ResponseEntity<Created> close(@PathVariable String childId,
                                         @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody CloseRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> new CloseCase(childId, request.on(), request.reasonCode(),
                request.reason(), version), childId, new Created(childId, null));
    }

    @Operation(summary = "Reopen a closed case, with a reason")
    @PostMapping("/{childId}/reopening")
    public ResponseEntity<Created> reopen(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody ClosureRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.reopen(childId, version), childId,
                new Created(childId, null));
    }

    @Operation(summary = "Correct the recorded outcome of an offence, with a reason; the original stays in the timeline")
    @PostMapping("/{childId}/offences/{offenceId}/outcome/corrections")
    public ResponseEntity<Created> correctOutcome(@PathVariable String childId, @PathVariable String offenceId,
                                                  @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Valid @RequestBody CorrectionRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, version),
                offence(childId, offenceId), new Created(childId, offenceId));
    }

    private static URI offence(String childId, String offenceId) {
        return CaseWrites.location(childId, "offences", offenceId);
    }
}
