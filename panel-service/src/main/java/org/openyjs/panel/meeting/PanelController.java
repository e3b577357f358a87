package org.openyjs.panel.meeting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.openyjs.panel.agenda.AgendaQueries;
import org.openyjs.panel.agenda.AgendaQueries.AgendaItem;
import org.openyjs.panel.api.PanelCommands.Attendee;
import org.openyjs.panel.api.PanelCommands.RecordAttendance;
import org.openyjs.panel.api.PanelCommands.ScheduleMeeting;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.panel.api.ReferralCommands.PlaceOnAgenda;
import org.openyjs.panel.api.ReferralCommands.RecordDecision;
import org.openyjs.panel.referral.ReferralId;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The panel chair's API for a meeting: schedule it, record attendance, place cases on it, decide them. */
@Tag(name = "Panel meetings", description = "The weekly joint out-of-court disposal panel")
@RestController
@RequestMapping("/panels")
public class PanelController {

    static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final AgendaQueries queries;

    public PanelController(CommandGateway commands, EventStore eventStore, AgendaQueries queries) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.queries = queries;
    }

    record ScheduleRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String panelId, @NotNull LocalDate meetingDate) {
    }

    record AttendanceRequest(@NotNull @NotEmpty List<@NotNull @Valid AttendeeRequest> attendees) {
    }

    record AttendeeRequest(@NotBlank @Size(max = 64) String agency, @NotBlank @Size(max = 64) String role) {
    }

    /** A case is named by its referral id, or by the child and offence it was referred for. */
    record ListCaseRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String referralId,
                           @Pattern(regexp = ID, message = ID_MESSAGE) String childId,
                           @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId) {
    }

    record DecisionRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String referralId,
                           @Pattern(regexp = ID, message = ID_MESSAGE) String childId,
                           @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
                           @NotBlank @Size(max = 64) String outcomeCode,
                           @Min(1) @Max(5) Integer gravityScore, @NotBlank @Size(max = 4000) String rationale,
                           @Size(max = 4000) String interventionAgreed, @Size(max = 4000) String dissent,
                           @Size(max = 4000) String assessmentOverrideReason,
                           @Size(max = 4000) String quorumOverrideReason,
                           List<@NotBlank @Size(max = 1000) String> conditions, LocalDate conditionsEndDate) {
    }

    record Created(String panelId, String referralId, String decisionId) {
    }

    record MeetingView(String panelId, LocalDate meetingDate, List<Attendee> attendees, Boolean quorate,
                       List<String> quorumShortfall) {
    }

    record AgendaView(String panelId, LocalDate meetingDate, Boolean quorate, List<AgendaItem> cases) {
    }

    @Operation(summary = "Schedule a panel meeting", responses = {
            @ApiResponse(responseCode = "201", description = "scheduled"),
            @ApiResponse(responseCode = "400", description = "bad input, naming the field"),
            @ApiResponse(responseCode = "409", description = "a meeting with this id exists")})
    @PostMapping
    public ResponseEntity<Created> schedule(@Valid @RequestBody ScheduleRequest request) {
        String panelId = request.panelId() != null ? request.panelId() : UUID.randomUUID().toString();
        try {
            commands.sendAndWait(new ScheduleMeeting(panelId, request.meetingDate()));
        } catch (AggregateStreamCreationException e) {
            throw DomainRefusal.conflict("panelId", "a panel meeting " + panelId + " is already scheduled");
        }
        return ResponseEntity.created(URI.create("/panels/" + panelId)).body(new Created(panelId, null, null));
    }

    @Operation(summary = "Record who attended, by agency and role; says whether the panel was quorate",
            description = "Replaces the meeting's attendance list. Quorum rules are configuration (panel.quorum).")
    @PutMapping("/{panelId}/attendance")
    public MeetingView attendance(@PathVariable String panelId, @Valid @RequestBody AttendanceRequest request) {
        try {
            commands.sendAndWait(new RecordAttendance(panelId,
                    request.attendees().stream().map(a -> new Attendee(a.agency(), a.role())).toList()));
        } catch (AggregateNotFoundException e) {
            throw DomainRefusal.notFound("panelId", "No panel meeting " + panelId);
        }
        return read(panelId);
    }

    @Operation(summary = "Place a referred case on the meeting's agenda", responses = {
            @ApiResponse(responseCode = "201", description = "listed"),
            @ApiResponse(responseCode = "404", description = "no such meeting, or no such referral"),
            @ApiResponse(responseCode = "409", description = "the case is decided, withdrawn or on another agenda")})
    @PostMapping("/{panelId}/cases")
    public ResponseEntity<Created> listCase(@PathVariable String panelId, @Valid @RequestBody ListCaseRequest request) {
        LocalDate meetingDate = meetingDate(panelId);
        String referralId = referralId(request.referralId(), request.childId(), request.offenceId());
        toReferral(new PlaceOnAgenda(referralId, panelId, meetingDate), request.referralId());
        return ResponseEntity.created(URI.create("/panels/" + panelId + "/agenda"))
                .body(new Created(panelId, referralId, null));
    }

    @Operation(summary = "Record the panel's decision on a case on its agenda; it reaches the child's case over Kafka",
            description = "Dated the day the panel met. Caution, conditional caution and community resolution need an "
                    + "admission; Outcome 21/22 do not. Without a quality-assured assessment the chair must give "
                    + "assessmentOverrideReason. The meeting's attendance must be recorded; if it was not quorate "
                    + "the chair must give quorumOverrideReason (409 naming panelId without attendance). A youth "
                    + "conditional caution needs conditions and conditionsEndDate; 'completion not recorded' shows "
                    + "once that date passes. The gravity score defaults to the one referred.")
    @PostMapping("/{panelId}/decisions")
    public ResponseEntity<Created> decide(@PathVariable String panelId, @Valid @RequestBody DecisionRequest request) {
        meetingDate(panelId);
        String referralId = referralId(request.referralId(), request.childId(), request.offenceId());
        String decisionId = UUID.randomUUID().toString();
        toReferral(new RecordDecision(referralId, decisionId, panelId, request.outcomeCode(),
                request.gravityScore(), request.rationale(), request.interventionAgreed(), request.dissent(),
                request.assessmentOverrideReason(), request.quorumOverrideReason(), request.conditions(),
                request.conditionsEndDate()),
                request.referralId());
        return ResponseEntity.created(URI.create("/referrals/" + referralId))
                .body(new Created(panelId, referralId, decisionId));
    }

    @Operation(summary = "The panel meetings held or scheduled between two dates, earliest first",
            description = "Read model, updated moments after each change.")
    @GetMapping
    public List<AgendaQueries.Meeting> meetings(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        if (from.isAfter(to)) {
            throw new DomainRefusal("from", "is after to");
        }
        return queries.meetings(from, to);
    }

    @Operation(summary = "A panel meeting: its date, attendance and quorum")
    @GetMapping("/{panelId}")
    public MeetingView read(@PathVariable String panelId) {
        MeetingView view = null;
        for (DomainEventMessage<?> message : eventStore.readEvents(panelId).asStream().toList()) {
            Object fact = message.getPayload();
            if (fact instanceof MeetingScheduled scheduled) {
                view = new MeetingView(panelId, scheduled.meetingDate(), List.of(), null, List.of());
            } else if (fact instanceof AttendanceRecorded a && view != null) {
                view = new MeetingView(panelId, view.meetingDate(), a.attendees(), a.quorate(), a.quorumShortfall());
            }
        }
        if (view == null) {
            throw DomainRefusal.notFound("panelId", "No panel meeting " + panelId);
        }
        return view;
    }

    @Operation(summary = "The meeting's agenda: per case assessment and QA status, victim status, overdue flag",
            description = "Read model, updated moments after each change.")
    @GetMapping("/{panelId}/agenda")
    public AgendaView agenda(@PathVariable String panelId) {
        MeetingView meeting = read(panelId);
        return new AgendaView(panelId, meeting.meetingDate(), meeting.quorate(), queries.agenda(panelId));
    }

    /** A command to a referral that was never received is a 404 naming how the caller named the case. */
    private void toReferral(Object command, String namedReferralId) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw DomainRefusal.notFound(namedReferralId != null ? "referralId" : "offenceId",
                    "no referral to the panel has been received for this case");
        }
    }

    private LocalDate meetingDate(String panelId) {
        return read(panelId).meetingDate();
    }

    static String referralId(String referralId, String childId, String offenceId) {
        if (referralId != null && !referralId.isBlank()) {
            return referralId;
        }
        if (childId == null || childId.isBlank()) {
            throw new DomainRefusal("childId", "name the case by referralId, or by childId and offenceId");
        }
        if (offenceId == null || offenceId.isBlank()) {
            throw new DomainRefusal("offenceId", "name the case by referralId, or by childId and offenceId");
        }
        return ReferralId.of(childId, offenceId);
    }
}
