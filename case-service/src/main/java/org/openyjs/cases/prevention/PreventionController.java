package org.openyjs.cases.prevention;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.RecordPostClosureCheck;
import org.openyjs.cases.api.CaseCommands.RecordPreventionConsent;
import org.openyjs.cases.api.CaseCommands.RecordPreventionReferral;
import org.openyjs.cases.childcase.CaseVersion;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Prevention and early intervention: a referral (no offence needed) on an opt-out consent model. The
 * intervention itself is an order of kind PREVENTION ({@code POST /cases/{childId}/orders}).
 */
@Tag(name = "Prevention")
@RestController
@RequestMapping("/cases/{childId}")
public class PreventionController {

    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private final CommandGateway commands;

    public PreventionController(CommandGateway commands) {
        this.commands = commands;
    }

    record ReferralRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String referralId,
                           @NotNull LocalDate referredOn, @NotBlank String source, @NotBlank String consent) {
    }

    record ConsentRequest(@NotBlank String consent, @NotNull LocalDate decidedOn) {
    }

    record CheckRequest(@NotNull LocalDate checkedOn, @NotNull Boolean furtherInvolvement) {
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "Record a prevention referral (source POLICE_COMMUNITY_RESOLUTION, OOCD_PANEL, SCHOOL, PPN, "
            + "FAMILY; consent GIVEN, OPTED_OUT or PENDING)")
    @PostMapping("/prevention-referrals")
    public ResponseEntity<Recorded> refer(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody ReferralRequest request) {
        String referralId = request.referralId() != null ? request.referralId() : UUID.randomUUID().toString();
        commands.sendAndWait(new RecordPreventionReferral(childId, referralId, request.referredOn(), request.source(),
                request.consent(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, referralId);
    }

    @Operation(summary = "Record the family's consent answer on a prevention referral (an opt-out stops new prevention work)")
    @PostMapping("/prevention-referrals/{referralId}/consent")
    public ResponseEntity<Recorded> consent(@PathVariable String childId, @PathVariable String referralId,
                                            @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ConsentRequest request) {
        commands.sendAndWait(new RecordPreventionConsent(childId, referralId, request.consent(), request.decidedOn(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, referralId);
    }

    @Operation(summary = "Record the check 12 months after a case with prevention work closed (allowed on the closed case)")
    @PostMapping("/post-closure-check")
    public ResponseEntity<Recorded> check(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody CheckRequest request) {
        commands.sendAndWait(new RecordPostClosureCheck(childId, request.checkedOn(), request.furtherInvolvement(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, null);
    }

    private static ResponseEntity<Recorded> created(String childId, String id) {
        return ResponseEntity.created(URI.create("/cases/" + childId)).body(new Recorded(childId, id));
    }
}
