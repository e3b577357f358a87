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
import org.openyjs.cases.childcase.CaseWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.openyjs.cases.childcase.CaseIds.ID;
import static org.openyjs.cases.childcase.CaseIds.ID_MESSAGE;

/** The court stage of a child's case: pre-sentence reports, remands, the home visit after the outcome. */
@Tag(name = "Court")
@RestController
@RequestMapping("/cases/{childId}")
public class CourtController {

    private final CommandGateway commands;

    public CourtController(CommandGateway commands) {
        this.commands = commands;
    }

    // The bodies below are also import rows' data (docs/import-format.md): each builds its own command.

    public record ReportRequest(@NotNull LocalDate requestedOn) {
        public RequestPreSentenceReport command(String childId, String offenceId, Long expectedVersion) {
            return new RequestPreSentenceReport(childId, offenceId, requestedOn, expectedVersion);
        }
    }

    public record ReportSubmission(@NotNull LocalDate submittedOn, @NotBlank String proposedOutcomeCode,
                                   @NotNull Boolean qualityAssured) {
        public SubmitPreSentenceReport command(String childId, String offenceId, Long expectedVersion) {
            return new SubmitPreSentenceReport(childId, offenceId, submittedOn, proposedOutcomeCode, qualityAssured,
                    expectedVersion);
        }
    }

    public record RemandRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String remandId, @NotBlank String offenceId,
                                @NotBlank String remandType, @NotNull LocalDate startDate) {
        public StartRemand command(String childId, String remandId, Long expectedVersion) {
            return new StartRemand(childId, remandId, offenceId, remandType, startDate, expectedVersion);
        }
    }

    public record RemandEndRequest(@NotNull LocalDate endDate) {
        public EndRemand command(String childId, String remandId, Long expectedVersion) {
            return new EndRemand(childId, remandId, endDate, expectedVersion);
        }
    }

    public record HomeVisitRequest(@NotNull Instant visitedAt) {
        public RecordHomeVisit command(String childId, String offenceId, Long expectedVersion) {
            return new RecordHomeVisit(childId, offenceId, visitedAt, expectedVersion);
        }
    }

    record Recorded(String childId, String id) {
    }

    @Operation(summary = "The court asked for a pre-sentence report on an offence")
    @PostMapping("/offences/{offenceId}/pre-sentence-report")
    public ResponseEntity<Recorded> requestReport(@PathVariable String childId, @PathVariable String offenceId,
                                                  @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Valid @RequestBody ReportRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, version), childId,
                new Recorded(childId, offenceId));
    }

    @Operation(summary = "The pre-sentence report went to court, with its proposal and whether it was quality-assured")
    @PostMapping("/offences/{offenceId}/pre-sentence-report/submission")
    public ResponseEntity<Recorded> submitReport(@PathVariable String childId, @PathVariable String offenceId,
                                                 @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                                 String ifMatch,
                                                 @Valid @RequestBody ReportSubmission request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, version), childId,
                new Recorded(childId, offenceId));
    }

    @Operation(summary = "A remand to local authority accommodation or youth detention accommodation began")
    @PostMapping("/remands")
    public ResponseEntity<Recorded> remand(@PathVariable String childId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody RemandRequest request) {
        String remandId = request.remandId() != null ? request.remandId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, remandId, version), childId,
                new Recorded(childId, remandId));
    }

    @Operation(summary = "A remand ended")
    @PostMapping("/remands/{remandId}/end")
    public ResponseEntity<Recorded> endRemand(@PathVariable String childId, @PathVariable String remandId,
                                              @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                              String ifMatch,
                                              @Valid @RequestBody RemandEndRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, remandId, version), childId,
                new Recorded(childId, remandId));
    }

    @Operation(summary = "The child was seen at home after the court's outcome (due within 24 hours)")
    @PostMapping("/offences/{offenceId}/home-visit")
    public ResponseEntity<Recorded> homeVisit(@PathVariable String childId, @PathVariable String offenceId,
                                              @RequestHeader(value = CaseVersion.IF_MATCH, required = false)
                                              String ifMatch,
                                              @Valid @RequestBody HomeVisitRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, offenceId, version), childId,
                new Recorded(childId, offenceId));
    }
}
