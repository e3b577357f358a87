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

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

/** Interventions and orders on a child's case, from prevention work to custody, and the child's status at each end. */
@Tag(name = "Interventions and orders")
@RestController
@RequestMapping("/cases/{childId}/orders")
public class OrderController {

    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private final CommandGateway commands;

    public OrderController(CommandGateway commands) {
        this.commands = commands;
    }

    record StartRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String orderId, @NotBlank String orderType,
                        String offenceId, @NotNull LocalDate startDate, LocalDate plannedEndDate) {
    }

    record EndRequest(@NotNull LocalDate endDate, @NotBlank String endReason) {
    }

    record StatusRequest(@NotBlank String point, @NotNull LocalDate assessedOn,
                         @NotNull Accommodation accommodation, @NotNull Ete ete, @NotNull Send send,
                         @NotNull Need mentalHealth, @NotNull Need substanceMisuse,
                         @NotNull WiderServices widerServices) {
    }

    record Recorded(String childId, String orderId) {
    }

    record PanelRequest(@NotBlank String panelType, @NotNull LocalDate heldOn) {
    }

    record PlanRequest(@NotNull LocalDate agreedOn, @NotNull Boolean coProducedWithChild) {
    }

    record ReviewRequest(@NotNull LocalDate heldOn, @NotNull Boolean childAttended) {
    }

    record ContactRequest(@NotNull LocalDate contactOn, @NotBlank String contactType, @NotNull Boolean attended) {
    }

    record BreachRequest(@NotNull LocalDate breachedOn) {
    }

    @Operation(summary = "Start an intervention or order (see GET /reference/order-types)")
    @PostMapping
    public ResponseEntity<Recorded> start(@PathVariable String childId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody StartRequest request) {
        String orderId = request.orderId() != null ? request.orderId() : UUID.randomUUID().toString();
        commands.sendAndWait(new StartOrder(childId, orderId, request.orderType(), request.offenceId(),
                request.startDate(), request.plannedEndDate(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    @Operation(summary = "End an intervention or order: COMPLETED, REVOKED, BREACHED or TRANSFERRED")
    @PostMapping("/{orderId}/end")
    public ResponseEntity<Recorded> end(@PathVariable String childId, @PathVariable String orderId,
                                        @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                        @Valid @RequestBody EndRequest request) {
        commands.sendAndWait(new EndOrder(childId, orderId, request.endDate(), request.endReason(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    @Operation(summary = "Record the child's accommodation, ETE, SEND, health and wider-services status at the START or END")
    @PostMapping("/{orderId}/status")
    public ResponseEntity<Recorded> status(@PathVariable String childId, @PathVariable String orderId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody StatusRequest request) {
        commands.sendAndWait(new RecordStatus(childId, orderId, request.point(), request.assessedOn(),
                request.accommodation(), request.ete(), request.send(), request.mentalHealth(),
                request.substanceMisuse(), request.widerServices(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    @Operation(summary = "Record a referral-order panel meeting: INITIAL first, then REVIEW or EMERGENCY, FINAL last")
    @PostMapping("/{orderId}/panels")
    public ResponseEntity<Recorded> panel(@PathVariable String childId, @PathVariable String orderId,
                                          @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody PanelRequest request) {
        commands.sendAndWait(new RecordReferralOrderPanel(childId, orderId, request.panelType(), request.heldOn(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    @Operation(summary = "Record the order's intervention plan, and whether it was co-produced with the child")
    @PostMapping("/{orderId}/plan")
    public ResponseEntity<Recorded> plan(@PathVariable String childId, @PathVariable String orderId,
                                         @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody PlanRequest request) {
        commands.sendAndWait(new RecordInterventionPlan(childId, orderId, request.agreedOn(),
                request.coProducedWithChild(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    @Operation(summary = "Record a review meeting with the child")
    @PostMapping("/{orderId}/reviews")
    public ResponseEntity<Recorded> review(@PathVariable String childId, @PathVariable String orderId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody ReviewRequest request) {
        commands.sendAndWait(new RecordChildReviewMeeting(childId, orderId, request.heldOn(), request.childAttended(),
                CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    @Operation(summary = "Record a contact on the order (FACE_TO_FACE, PHONE, VIDEO, HOME_VISIT) and whether the child attended")
    @PostMapping("/{orderId}/contacts")
    public ResponseEntity<Recorded> contact(@PathVariable String childId, @PathVariable String orderId,
                                            @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ContactRequest request) {
        commands.sendAndWait(new RecordOrderContact(childId, orderId, request.contactOn(), request.contactType(),
                request.attended(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    @Operation(summary = "Record a breach of a running order (ending it for breach is POST .../end with BREACHED)")
    @PostMapping("/{orderId}/breaches")
    public ResponseEntity<Recorded> breach(@PathVariable String childId, @PathVariable String orderId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody BreachRequest request) {
        commands.sendAndWait(new RecordBreach(childId, orderId, request.breachedOn(), CaseVersion.fromIfMatch(ifMatch)));
        return created(childId, orderId);
    }

    private static ResponseEntity<Recorded> created(String childId, String orderId) {
        return ResponseEntity.created(URI.create("/cases/" + childId)).body(new Recorded(childId, orderId));
    }
}
