package org.openyjs.panel.referral;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.openyjs.panel.agenda.AgendaQueries;
import org.openyjs.panel.agenda.AgendaQueries.CaseSummary;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.panel.api.ReferralCommands.AmendDecision;
import org.openyjs.panel.api.ReferralCommands.CarryOver;
import org.openyjs.panel.api.ReferralCommands.RecordConditionsCompleted;
import org.openyjs.panel.api.ReferralCommands.RecordConditionsNotCompleted;
import org.openyjs.panel.api.ReferralCommands.WithdrawReferral;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Referrals to the panel as they arrive from case-service, and what the chair does with one. */
@Tag(name = "Referrals", description = "Cases referred to the out-of-court disposal panel")
@RestController
@RequestMapping("/referrals")
public class ReferralController {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final AgendaQueries queries;

    public ReferralController(CommandGateway commands, EventStore eventStore, AgendaQueries queries) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.queries = queries;
    }

    record CarryOverRequest(@NotBlank @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$") String toPanelId,
                            @NotBlank @Size(max = 4000) String reason) {
    }

    record WithdrawRequest(@NotBlank @Size(max = 4000) String reason) {
    }

    record AmendRequest(@NotBlank @Size(max = 64) String outcomeCode, @Min(1) @Max(5) Integer gravityScore,
                        @NotBlank @Size(max = 4000) String rationale, @Size(max = 4000) String interventionAgreed,
                        @Size(max = 4000) String dissent, @Size(max = 4000) String assessmentOverrideReason,
                        List<@NotBlank @Size(max = 1000) String> conditions, LocalDate conditionsEndDate,
                        @NotBlank @Size(max = 4000) String reason) {
    }

    record CompletedRequest(@NotNull @PastOrPresent LocalDate completedOn) {
    }

    record NotCompletedRequest(@NotNull @PastOrPresent LocalDate recordedOn, @NotBlank @Size(max = 4000) String reason) {
    }

    record Amended(String referralId, String amendmentId) {
    }

    @Operation(summary = "Referrals, the soonest due first",
            description = "status: AWAITING (not yet on an agenda), LISTED, DECIDED, WITHDRAWN or CLOSED (the outcome "
                    + "was given outside the panel); omit for all. "
                    + "conditionsStatus=COMPLETION_NOT_RECORDED lists the conditional cautions whose conditions "
                    + "ended with neither completion nor non-completion recorded: the chair's follow-ups.")
    @GetMapping
    public List<CaseSummary> list(
            @Parameter(description = "AWAITING, LISTED, DECIDED, WITHDRAWN or CLOSED")
            @RequestParam(required = false) @Pattern(regexp = "AWAITING|LISTED|DECIDED|WITHDRAWN|CLOSED") String status,
            @Parameter(description = "e.g. leicester-city or leicestershire")
            @RequestParam(required = false) String youthJusticeService,
            @Parameter(description = "RUNNING, COMPLETION_NOT_RECORDED, COMPLETED or NOT_COMPLETED")
            @RequestParam(required = false)
            @Pattern(regexp = "RUNNING|COMPLETION_NOT_RECORDED|COMPLETED|NOT_COMPLETED") String conditionsStatus) {
        return queries.referrals(status, youthJusticeService, conditionsStatus);
    }

    @Operation(summary = "One referral: assessment and QA, victim contact, agenda, decision, overdue flag")
    @GetMapping("/{referralId}")
    public CaseSummary read(@PathVariable String referralId) {
        return queries.referral(referralId)
                .orElseThrow(() -> DomainRefusal.notFound("referralId", "No referral " + referralId));
    }

    @Operation(summary = "Carry a listed case over to a later meeting, with the reason")
    @PostMapping("/{referralId}/carry-over")
    public CaseSummary carryOver(@PathVariable String referralId, @Valid @RequestBody CarryOverRequest request) {
        LocalDate toMeetingDate = eventStore.readEvents(request.toPanelId()).asStream()
                .map(m -> m.getPayload()).filter(MeetingScheduled.class::isInstance).map(MeetingScheduled.class::cast)
                .map(MeetingScheduled::meetingDate).findFirst()
                .orElseThrow(() -> DomainRefusal.notFound("toPanelId", "No panel meeting " + request.toPanelId()));
        send(new CarryOver(referralId, request.toPanelId(), toMeetingDate, request.reason()));
        return summaryOrEmpty(referralId);
    }

    @Operation(summary = "Withdraw a case from the panel, with the reason (not once decided)")
    @PostMapping("/{referralId}/withdrawal")
    public CaseSummary withdraw(@PathVariable String referralId, @Valid @RequestBody WithdrawRequest request) {
        send(new WithdrawReferral(referralId, request.reason()));
        return summaryOrEmpty(referralId);
    }

    @Operation(summary = "Amend the panel's decision, with the reason; the original stays on record",
            description = "The same rules as a decision apply (admission, assessment override, conditions). "
                    + "Published as PanelDecisionAmended.")
    @PostMapping("/{referralId}/amendments")
    public ResponseEntity<Amended> amend(@PathVariable String referralId, @Valid @RequestBody AmendRequest request) {
        String amendmentId = UUID.randomUUID().toString();
        send(new AmendDecision(referralId, amendmentId, request.outcomeCode(), request.gravityScore(),
                request.rationale(), request.interventionAgreed(), request.dissent(), request.assessmentOverrideReason(),
                request.conditions(), request.conditionsEndDate(), request.reason()));
        return ResponseEntity.created(URI.create("/referrals/" + referralId)).body(new Amended(referralId, amendmentId));
    }

    @Operation(summary = "Record that a youth conditional caution's conditions were completed")
    @PostMapping("/{referralId}/conditions/completion")
    public CaseSummary conditionsCompleted(@PathVariable String referralId,
                                           @Valid @RequestBody CompletedRequest request) {
        send(new RecordConditionsCompleted(referralId, request.completedOn()));
        return summaryOrEmpty(referralId);
    }

    @Operation(summary = "Record that a youth conditional caution's conditions were not completed",
            description = "Only after the conditions' end date. Published as YouthConditionalCautionNotCompleted "
                    + "(without the reason) so it reaches the child's case.")
    @PostMapping("/{referralId}/conditions/non-completion")
    public CaseSummary conditionsNotCompleted(@PathVariable String referralId,
                                              @Valid @RequestBody NotCompletedRequest request) {
        send(new RecordConditionsNotCompleted(referralId, request.recordedOn(), request.reason()));
        return summaryOrEmpty(referralId);
    }

    /** A command to a referral that was never received is a 404 naming the referral. */
    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw DomainRefusal.notFound("referralId", "No referral " + e.getAggregateIdentifier());
        }
    }

    /** The read model may trail the command by a moment; the caller gets what it shows. */
    private CaseSummary summaryOrEmpty(String referralId) {
        return queries.referral(referralId).orElse(null);
    }
}
