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

/** Quality: child and parent feedback, and quality-assurance audits of parts of the case (both also after closure). */
@Tag(name = "Feedback and case audits")
@RestController
@RequestMapping("/cases/{childId}")
public class QualityController {

    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private final CommandGateway commands;

    public QualityController(CommandGateway commands) {
        this.commands = commands;
    }

    record FeedbackRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String feedbackId, @NotBlank String respondent,
                           @NotNull @Min(1) @Max(5) Integer rating, @Size(max = 2000) String comment,
                           @NotNull LocalDate givenOn) {
    }

    record AuditRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String auditId, @NotBlank String subject,
                        @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId, @NotNull LocalDate auditedOn,
                        @NotBlank String rating) {
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "Record feedback from the CHILD or a PARENT_CARER: rating 1-5 and a comment that stays in case-service")
    @PostMapping("/feedback")
    public ResponseEntity<Recorded> feedback(@PathVariable String childId,
                                             @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody FeedbackRequest request) {
        String feedbackId = request.feedbackId() != null ? request.feedbackId() : UUID.randomUUID().toString();
        commands.sendAndWait(new RecordFeedback(childId, feedbackId, request.respondent(), request.rating(),
                request.comment(), request.givenOn(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, feedbackId);
    }

    @Operation(summary = "Record a quality audit of part of the case (CASE, ASSESSMENT, PLAN, PRE_SENTENCE_REPORT, "
            + "NATIONAL_STANDARDS_SAMPLE) rated OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT or INADEQUATE")
    @PostMapping("/audits")
    public ResponseEntity<Recorded> audit(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody AuditRequest request) {
        String auditId = request.auditId() != null ? request.auditId() : UUID.randomUUID().toString();
        commands.sendAndWait(new RecordCaseAudit(childId, auditId, request.subject(), request.offenceId(),
                request.auditedOn(), request.rating(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, auditId);
    }

    private static ResponseEntity<Recorded> created(String childId, String id) {
        return ResponseEntity.created(URI.create("/cases/" + childId)).body(new Recorded(childId, id));
    }
}
