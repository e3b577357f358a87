package org.openyjs.cases.outofcourt;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.QualityAssureAssessment;
import org.openyjs.cases.api.CaseCommands.RecordAssessment;
import org.openyjs.cases.api.CaseCommands.RecordVictimContact;
import org.openyjs.cases.api.CaseCommands.ReferToOutOfCourtPanel;
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

/** The out-of-court route on a child's case: referral to the panel, assessment, victim contact. */
@Tag(name = "Out-of-court route")
@RestController
@RequestMapping("/cases/{childId}")
public class OutOfCourtController {

    private final CommandGateway commands;

    public OutOfCourtController(CommandGateway commands) {
        this.commands = commands;
    }

    // The bodies below are also import rows' data (docs/import-format.md): each builds its own command.

    public record ReferralRequest(@NotNull LocalDate referralDate) {
        public ReferToOutOfCourtPanel command(String childId, String offenceId, Long expectedVersion) {
            return new ReferToOutOfCourtPanel(childId, offenceId, referralDate, expectedVersion);
        }
    }

    /** With the assessment id given, or one generated for a new assessment. */
    public record AssessmentRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String assessmentId,
                                    @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
                                    @NotBlank String tool, @NotNull LocalDate completedOn, LocalDate qualityAssuredOn) {
        public RecordAssessment command(String childId, String assessmentId, Long expectedVersion) {
            return new RecordAssessment(childId, assessmentId, offenceId, tool, completedOn, qualityAssuredOn,
                    expectedVersion);
        }
    }

    public record QualityAssuranceRequest(@NotNull LocalDate qualityAssuredOn) {
        public QualityAssureAssessment command(String childId, String assessmentId, Long expectedVersion) {
            return new QualityAssureAssessment(childId, assessmentId, qualityAssuredOn, expectedVersion);
        }
    }

    /** With the victim id given, or one generated (the REST API) or derived from the row (an import). */
    public record VictimContactRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String victimId,
                                       @NotNull LocalDate contactedOn, @NotBlank String result,
                                       @NotNull Boolean consentedToContact, @NotNull Boolean restorativeJusticeOffered,
                                       Boolean keptInformed, Boolean restorativeJusticeParticipated,
                                       Boolean supportReferralMade) {
        public RecordVictimContact command(String childId, String offenceId, String victimId, Long expectedVersion) {
            return new RecordVictimContact(childId, offenceId, victimId, contactedOn, result, consentedToContact,
                    restorativeJusticeOffered, keptInformed, restorativeJusticeParticipated, supportReferralMade,
                    expectedVersion);
        }
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "Refer an offence to the joint out-of-court disposal panel")
    @PostMapping("/offences/{offenceId}/panel-referral")
    public ResponseEntity<Recorded> refer(@PathVariable String childId, @PathVariable String offenceId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody ReferralRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, version), childId,
                new Recorded(childId, offenceId));
    }

    @Operation(summary = "Record a completed assessment (ASSETPLUS or PREVENTION_AND_DIVERSION)")
    @PostMapping("/assessments")
    public ResponseEntity<Recorded> assess(@PathVariable String childId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody AssessmentRequest request) {
        String assessmentId = request.assessmentId() != null ? request.assessmentId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, assessmentId, version), childId,
                new Recorded(childId, assessmentId));
    }

    @Operation(summary = "Record that a manager quality-assured an assessment")
    @PostMapping("/assessments/{assessmentId}/quality-assurance")
    public ResponseEntity<Recorded> qualityAssure(@PathVariable String childId, @PathVariable String assessmentId,
                                                  @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Valid @RequestBody QualityAssuranceRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, assessmentId, version), childId,
                new Recorded(childId, assessmentId));
    }

    @Operation(summary = "Record what came of contacting the victim of an offence (VIEWS_GIVEN, DECLINED, NOT_CONTACTABLE); "
            + "optionally whether they were kept informed, took part in restorative justice, were referred for support")
    @PostMapping("/offences/{offenceId}/victim-contacts")
    public ResponseEntity<Recorded> victimContact(@PathVariable String childId, @PathVariable String offenceId,
                                                  @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Valid @RequestBody VictimContactRequest request) {
        String victimId = request.victimId() != null ? request.victimId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, victimId, version),
                childId, new Recorded(childId, victimId));
    }
}
