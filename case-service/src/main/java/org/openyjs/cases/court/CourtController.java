package org.openyjs.cases.court;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.EndRemand;
import org.openyjs.cases.api.CaseCommands.RecordHomeVisit;
import org.openyjs.cases.api.CaseCommands.RequestPreSentenceReport;
import org.openyjs.cases.api.CaseCommands.StartRemand;
import org.openyjs.cases.api.CaseCommands.SubmitPreSentenceReport;
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
import java.time.LocalDate;
import java.util.UUID;

/** The court stage of a child's case: pre-sentence reports, remands, the home visit after the outcome. */
@Tag(name = "Court")
@RestController
@RequestMapping("/cases/{childId}")
public class CourtController {

    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private final CommandGateway commands;

    public CourtController(CommandGateway commands) {
        this.commands = commands;
    }

    record ReportRequest(@NotNull LocalDate requestedOn) {
    }

    record ReportSubmission(@NotNull LocalDate submittedOn, @NotBlank String proposedOutcomeCode,
                            @NotNull Boolean qualityAssured) {
    }

    record RemandRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String remandId, @NotBlank String offenceId,
                         @NotBlank String remandType, @NotNull LocalDate startDate) {
    }

    record RemandEndRequest(@NotNull LocalDate endDate) {
    }

    record HomeVisitRequest(@NotNull Instant visitedAt) {
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "The court asked for a pre-sentence report on an offence")
    @PostMapping("/offences/{offenceId}/pre-sentence-report")
    public ResponseEntity<Recorded> requestReport(@PathVariable String childId, @PathVariable String offenceId,
                                                  @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Valid @RequestBody ReportRequest request) {
        commands.sendAndWait(new RequestPreSentenceReport(childId, offenceId, request.requestedOn(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, offenceId);
    }

    @Operation(summary = "The pre-sentence report went to court, with its proposal and whether it was quality-assured")
    @PostMapping("/offences/{offenceId}/pre-sentence-report/submission")
    public ResponseEntity<Recorded> submitReport(@PathVariable String childId, @PathVariable String offenceId,
                                                 @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                 String ifMatch,
                                                 @Valid @RequestBody ReportSubmission request) {
        commands.sendAndWait(new SubmitPreSentenceReport(childId, offenceId, request.submittedOn(),
                request.proposedOutcomeCode(), request.qualityAssured(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, offenceId);
    }

    @Operation(summary = "A remand to local authority accommodation or youth detention accommodation began")
    @PostMapping("/remands")
    public ResponseEntity<Recorded> remand(@PathVariable String childId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody RemandRequest request) {
        String remandId = request.remandId() != null ? request.remandId() : UUID.randomUUID().toString();
        commands.sendAndWait(new StartRemand(childId, remandId, request.offenceId(), request.remandType(),
                request.startDate(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, remandId);
    }

    @Operation(summary = "A remand ended")
    @PostMapping("/remands/{remandId}/end")
    public ResponseEntity<Recorded> endRemand(@PathVariable String childId, @PathVariable String remandId,
                                              @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                              String ifMatch,
                                              @Valid @RequestBody RemandEndRequest request) {
        commands.sendAndWait(new EndRemand(childId, remandId, request.endDate(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, remandId);
    }

    @Operation(summary = "The child was seen at home after the court's outcome (due within 24 hours)")
    @PostMapping("/offences/{offenceId}/home-visit")
    public ResponseEntity<Recorded> homeVisit(@PathVariable String childId, @PathVariable String offenceId,
                                              @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                              String ifMatch,
                                              @Valid @RequestBody HomeVisitRequest request) {
        commands.sendAndWait(new RecordHomeVisit(childId, offenceId, request.visitedAt(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, offenceId);
    }

    private static ResponseEntity<Recorded> created(String childId, String id) {
        return ResponseEntity.created(URI.create("/cases/" + childId)).body(new Recorded(childId, id));
    }
}
