package org.openyjs.cases.quality;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.RecordCaseAudit;
import org.openyjs.cases.api.CaseCommands.RecordFeedback;
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

/** Quality: child and parent feedback, and quality-assurance audits of parts of the case (both also after closure). */
@Tag(name = "Feedback and case audits")
@RestController
@RequestMapping("/cases/{childId}")
public class QualityController {

    private final CommandGateway commands;

    public QualityController(CommandGateway commands) {
        this.commands = commands;
    }

    /** Also import rows' data (docs/import-format.md). */
    public record FeedbackRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String feedbackId,
                                  @NotBlank String respondent, @NotNull @Min(1) @Max(5) Integer rating,
                                  @Size(max = 2000) String comment, @NotNull LocalDate givenOn) {
        public RecordFeedback command(String childId, String feedbackId, Long expectedVersion) {
            return new RecordFeedback(childId, feedbackId, respondent, rating, comment, givenOn, expectedVersion);
        }
    }

    /** With the audit id given, or one generated for a new audit. Also import rows' data. */
    public record AuditRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String auditId, @NotBlank String subject,
                               @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
                               @NotNull LocalDate auditedOn, @NotBlank String rating) {
        public RecordCaseAudit command(String childId, String auditId, Long expectedVersion) {
            return new RecordCaseAudit(childId, auditId, subject, offenceId, auditedOn, rating, expectedVersion);
        }
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "Record feedback from the CHILD or a PARENT_CARER: rating 1-5 and a comment that stays in case-service")
    @PostMapping("/feedback")
    public ResponseEntity<Recorded> feedback(@PathVariable String childId,
                                             @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody FeedbackRequest request) {
        String feedbackId = request.feedbackId() != null ? request.feedbackId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, feedbackId, version), childId,
                new Recorded(childId, feedbackId));
    }

    @Operation(summary = "Record a quality audit of part of the case (CASE, ASSESSMENT, PLAN, PRE_SENTENCE_REPORT, "
            + "NATIONAL_STANDARDS_SAMPLE) rated OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT or INADEQUATE")
    @PostMapping("/audits")
    public ResponseEntity<Recorded> audit(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody AuditRequest request) {
        String auditId = request.auditId() != null ? request.auditId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, auditId, version), childId,
                new Recorded(childId, auditId));
    }
}
