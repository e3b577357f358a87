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
import org.openyjs.cases.childcase.CaseWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.UUID;

import static org.openyjs.cases.childcase.CaseIds.ID;
import static org.openyjs.cases.childcase.CaseIds.ID_MESSAGE;

/**
 * Prevention and early intervention: a referral (no offence needed) on an opt-out consent model. The
 * intervention itself is an order of kind PREVENTION ({@code POST /cases/{childId}/orders}).
 */
@Tag(name = "Prevention")
@RestController
@RequestMapping("/cases/{childId}")
public class PreventionController {

    private final CommandGateway commands;

    public PreventionController(CommandGateway commands) {
        this.commands = commands;
    }

    /** With the referral id given, or one generated for a new referral. Also import rows' data. */
    public record ReferralRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String referralId,
                                  @NotNull LocalDate referredOn, @NotBlank String source, @NotBlank String consent) {
        public RecordPreventionReferral command(String childId, String referralId, Long expectedVersion) {
            return new RecordPreventionReferral(childId, referralId, referredOn, source, consent, expectedVersion);
        }
    }

    // ConsentRequest and CheckRequest are also import rows' data (docs/import-format.md): each builds its own command.

    public record ConsentRequest(@NotBlank String consent, @NotNull LocalDate decidedOn) {
        public RecordPreventionConsent command(String childId, String referralId, Long expectedVersion) {
            return new RecordPreventionConsent(childId, referralId, consent, decidedOn, expectedVersion);
        }
    }

    public record CheckRequest(@NotNull LocalDate checkedOn, @NotNull Boolean furtherInvolvement) {
        public RecordPostClosureCheck command(String childId, Long expectedVersion) {
            return new RecordPostClosureCheck(childId, checkedOn, furtherInvolvement, expectedVersion);
        }
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
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, referralId, version), childId,
                new Recorded(childId, referralId));
    }

    @Operation(summary = "Record the family's consent answer on a prevention referral (an opt-out stops new prevention work)")
    @PostMapping("/prevention-referrals/{referralId}/consent")
    public ResponseEntity<Recorded> consent(@PathVariable String childId, @PathVariable String referralId,
                                            @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ConsentRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, referralId, version), childId,
                new Recorded(childId, referralId));
    }

    @Operation(summary = "Record the check 12 months after a case with prevention work closed (allowed on the closed case)")
    @PostMapping("/post-closure-check")
    public ResponseEntity<Recorded> check(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody CheckRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, version), childId,
                new Recorded(childId, null));
    }
}
