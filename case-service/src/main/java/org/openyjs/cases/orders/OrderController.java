package org.openyjs.cases.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.EndOrder;
import org.openyjs.cases.api.CaseCommands.RecordBreach;
import org.openyjs.cases.api.CaseCommands.RecordChildReviewMeeting;
import org.openyjs.cases.api.CaseCommands.RecordInterventionPlan;
import org.openyjs.cases.api.CaseCommands.RecordOrderContact;
import org.openyjs.cases.api.CaseCommands.RecordReferralOrderPanel;
import org.openyjs.cases.api.CaseCommands.RecordStatus;
import org.openyjs.cases.api.CaseCommands.StartOrder;
import org.openyjs.cases.childcase.CaseVersion;
import org.openyjs.cases.childcase.CaseWrites;
import org.openyjs.events.cases.StatusRecorded.Accommodation;
import org.openyjs.events.cases.StatusRecorded.Ete;
import org.openyjs.events.cases.StatusRecorded.Need;
import org.openyjs.events.cases.StatusRecorded.Send;
import org.openyjs.events.cases.StatusRecorded.WiderServices;
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

/** Interventions and orders on a child's case, from prevention work to custody, and the child's status at each end. */
@Tag(name = "Interventions and orders")
@RestController
@RequestMapping("/cases/{childId}/orders")
public class OrderController {

    private final CommandGateway commands;

    public OrderController(CommandGateway commands) {
        this.commands = commands;
    }

    // The bodies in this class are also import rows' data (docs/import-format.md): each builds its own command.

    /** With the order id given, or one generated for a new order. */
    public record StartRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String orderId, @NotBlank String orderType,
                               String offenceId, @NotNull LocalDate startDate, LocalDate plannedEndDate) {
        public StartOrder command(String childId, String orderId, Long expectedVersion) {
            return new StartOrder(childId, orderId, orderType, offenceId, startDate, plannedEndDate, expectedVersion);
        }
    }

    public record EndRequest(@NotNull LocalDate endDate, @NotBlank String endReason) {
        public EndOrder command(String childId, String orderId, Long expectedVersion) {
            return new EndOrder(childId, orderId, endDate, endReason, expectedVersion);
        }
    }

    public record StatusRequest(@NotBlank String point, @NotNull LocalDate assessedOn,
                                @NotNull Accommodation accommodation, @NotNull Ete ete, @NotNull Send send,
                                @NotNull Need mentalHealth, @NotNull Need substanceMisuse,
                                @NotNull WiderServices widerServices) {
        public RecordStatus command(String childId, String orderId, Long expectedVersion) {
            return new RecordStatus(childId, orderId, point, assessedOn, accommodation, ete, send, mentalHealth,
                    substanceMisuse, widerServices, expectedVersion);
        }
    }

    record Recorded(String childId, String orderId) {
    }

    public record PanelRequest(@NotBlank String panelType, @NotNull LocalDate heldOn) {
        public RecordReferralOrderPanel command(String childId, String orderId, Long expectedVersion) {
            return new RecordReferralOrderPanel(childId, orderId, panelType, heldOn, expectedVersion);
        }
    }

    public record PlanRequest(@NotNull LocalDate agreedOn, @NotNull Boolean coProducedWithChild) {
        public RecordInterventionPlan command(String childId, String orderId, Long expectedVersion) {
            return new RecordInterventionPlan(childId, orderId, agreedOn, coProducedWithChild, expectedVersion);
        }
    }

    public record ReviewRequest(@NotNull LocalDate heldOn, @NotNull Boolean childAttended) {
        public RecordChildReviewMeeting command(String childId, String orderId, Long expectedVersion) {
            return new RecordChildReviewMeeting(childId, orderId, heldOn, childAttended, expectedVersion);
        }
    }

    public record ContactRequest(@NotNull LocalDate contactOn, @NotBlank String contactType, @NotNull Boolean attended) {
        public RecordOrderContact command(String childId, String orderId, Long expectedVersion) {
            return new RecordOrderContact(childId, orderId, contactOn, contactType, attended, expectedVersion);
        }
    }

    public record BreachRequest(@NotNull LocalDate breachedOn) {
        public RecordBreach command(String childId, String orderId, Long expectedVersion) {
            return new RecordBreach(childId, orderId, breachedOn, expectedVersion);
        }
    }

    @Operation(summary = "Start an intervention or order (see GET /reference/order-types)")
    @PostMapping
    public ResponseEntity<Recorded> start(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody StartRequest request) {
        String orderId = request.orderId() != null ? request.orderId() : UUID.randomUUID().toString();
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "End an intervention or order: COMPLETED, REVOKED, BREACHED or TRANSFERRED")
    @PostMapping("/{orderId}/end")
    public ResponseEntity<Recorded> end(@PathVariable String childId, @PathVariable String orderId,
                                        @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                        @Valid @RequestBody EndRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record the child's accommodation, ETE, SEND, health and wider-services status at the START or END")
    @PostMapping("/{orderId}/status")
    public ResponseEntity<Recorded> status(@PathVariable String childId, @PathVariable String orderId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody StatusRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record a referral-order panel meeting: INITIAL first, then REVIEW or EMERGENCY, FINAL last")
    @PostMapping("/{orderId}/panels")
    public ResponseEntity<Recorded> panel(@PathVariable String childId, @PathVariable String orderId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody PanelRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record the order's intervention plan, and whether it was co-produced with the child")
    @PostMapping("/{orderId}/plan")
    public ResponseEntity<Recorded> plan(@PathVariable String childId, @PathVariable String orderId,
                                         @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody PlanRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record a review meeting with the child")
    @PostMapping("/{orderId}/reviews")
    public ResponseEntity<Recorded> review(@PathVariable String childId, @PathVariable String orderId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ReviewRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record a contact on the order (FACE_TO_FACE, PHONE, VIDEO, HOME_VISIT) and whether the child attended")
    @PostMapping("/{orderId}/contacts")
    public ResponseEntity<Recorded> contact(@PathVariable String childId, @PathVariable String orderId,
                                            @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ContactRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }

    @Operation(summary = "Record a breach of a running order (ending it for breach is POST .../end with BREACHED)")
    @PostMapping("/{orderId}/breaches")
    public ResponseEntity<Recorded> breach(@PathVariable String childId, @PathVariable String orderId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody BreachRequest request) {
        return CaseWrites.record(commands, ifMatch, version -> request.command(childId, orderId, version), childId,
                new Recorded(childId, orderId));
    }
}
