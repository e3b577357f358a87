package org.openyjs.cases.custody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.AdmitToCustody;
import org.openyjs.cases.api.CaseCommands.AllocateYouthAdvocate;
import org.openyjs.cases.api.CaseCommands.MakeAccommodationReferral;
import org.openyjs.cases.api.CaseCommands.RecordTemporaryRelease;
import org.openyjs.cases.api.CaseCommands.ReleaseFromCustody;
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

/**
 * Custody and resettlement on a custodial order: admission to the secure estate, youth advocate,
 * accommodation referral (the local rule: at least 3 months before the expected release), ROTL, release.
 */
@Tag(name = "Custody and resettlement")
@RestController
@RequestMapping("/cases/{childId}/orders/{orderId}/custody")
public class CustodyController {

    private final CommandGateway commands;

    public CustodyController(CommandGateway commands) {
        this.commands = commands;
    }

    // The bodies in this class are also import rows' data (docs/import-format.md): each builds its own command.

    public record AdmissionRequest(@NotBlank String establishmentType, @NotNull LocalDate admittedOn,
                                   @NotNull LocalDate expectedReleaseDate) {
        public AdmitToCustody command(String childId, String orderId, Long expectedVersion) {
            return new AdmitToCustody(childId, orderId, establishmentType, admittedOn, expectedReleaseDate,
                    expectedVersion);
        }
    }

    public record DateRequest(@NotNull LocalDate on) {
        public AllocateYouthAdvocate youthAdvocate(String childId, String orderId, Long expectedVersion) {
            return new AllocateYouthAdvocate(childId, orderId, on, expectedVersion);
        }

        public MakeAccommodationReferral accommodationReferral(String childId, String orderId, Long expectedVersion) {
            return new MakeAccommodationReferral(childId, orderId, on, expectedVersion);
        }
    }

    public record TemporaryReleaseRequest(@NotNull LocalDate leftOn, LocalDate returnedOn) {
        public RecordTemporaryRelease command(String childId, String orderId, Long expectedVersion) {
            return new RecordTemporaryRelease(childId, orderId, leftOn, returnedOn, expectedVersion);
        }
    }

    public record ReleaseRequest(@NotNull LocalDate releasedOn, @NotBlank String releaseType) {
        public ReleaseFromCustody command(String childId, String orderId, Long expectedVersion) {
            return new ReleaseFromCustody(childId, orderId, releasedOn, releaseType, expectedVersion);
        }
    }

    record Recorded(String childId, String orderId) {
    }

    @Operation(summary = "Admit the child to the secure estate (YOI, STC or SCH) on a custodial order")
    @PostMapping("/admission")
    public ResponseEntity<Recorded> admit(@PathVariable String childId, @PathVariable String orderId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody AdmissionRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record that a youth advocate was allocated to the child in custody")
    @PostMapping("/youth-advocate")
    public ResponseEntity<Recorded> advocate(@PathVariable String childId, @PathVariable String orderId,
                                             @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody DateRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.youthAdvocate(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record the accommodation referral for release (due 3 months before the expected release)")
    @PostMapping("/accommodation-referral")
    public ResponseEntity<Recorded> accommodation(@PathVariable String childId, @PathVariable String orderId,
                                                  @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Valid @RequestBody DateRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.accommodationReferral(childId, orderId, version),
                childId, new Recorded(childId, orderId));
    }

    @Operation(summary = "Record a release on temporary licence (ROTL)")
    @PostMapping("/temporary-releases")
    public ResponseEntity<Recorded> temporaryRelease(@PathVariable String childId, @PathVariable String orderId,
                                                     @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                     String ifMatch,
                                                     @Valid @RequestBody TemporaryReleaseRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Release from custody: LICENCE (custody to community) or END_OF_SENTENCE")
    @PostMapping("/release")
    public ResponseEntity<Recorded> release(@PathVariable String childId, @PathVariable String orderId,
                                            @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ReleaseRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }
}
