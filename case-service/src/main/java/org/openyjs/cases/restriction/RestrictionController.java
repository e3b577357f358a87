package org.openyjs.cases.restriction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.childcase.CaseWrites;
import org.openyjs.cases.api.CaseCommands.LiftRestriction;
import org.openyjs.cases.api.CaseCommands.RestrictCase;
import org.openyjs.cases.childcase.CaseVersion;
import org.openyjs.support.web.RequestUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Restricts a child's record to named workers (an admin or the allocated worker may). While restricted,
 * any read or write of the record by someone not named is refused with 403 and audited
 * ({@link RestrictionGuard}).
 */
@Tag(name = "Restricted records")
@RestController
@RequestMapping("/cases/{childId}/restriction")
public class RestrictionController {

    static final String ADMIN = "ADMIN";

    private final CommandGateway commands;

    public RestrictionController(CommandGateway commands) {
        this.commands = commands;
    }

    record RestrictionRequest(@NotEmpty @Size(max = 50) List<@Size(max = 255) String> workers) {
    }

    record Recorded(String childId, List<String> workers) {
    }

    @Operation(summary = "Restrict the child's record to the named workers (admin or the allocated worker)")
    @PostMapping
    public ResponseEntity<Recorded> restrict(@PathVariable String childId,
                                             @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody RestrictionRequest request) {
        commands.sendAndWait(new RestrictCase(childId, request.workers(), RequestUser.name().orElse(null),
                RequestUser.hasRole(ADMIN), CaseVersion.fromIfMatch(ifMatch)));
        return ResponseEntity.created(CaseWrites.location(childId)).body(new Recorded(childId, request.workers()));
    }

    @Operation(summary = "Lift the restriction (admin or the allocated worker)")
    @PostMapping("/lifting")
    public ResponseEntity<Recorded> lift(@PathVariable String childId,
                                         @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch) {
        commands.sendAndWait(new LiftRestriction(childId, RequestUser.name().orElse(null), RequestUser.hasRole(ADMIN),
                CaseVersion.fromIfMatch(ifMatch)));
        return ResponseEntity.created(CaseWrites.location(childId)).body(new Recorded(childId, List.of()));
    }
}
