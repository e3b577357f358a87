package org.openyjs.panel.meeting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.openyjs.panel.api.PanelCommands.ListCase;
import org.openyjs.panel.api.PanelCommands.RecordDecision;
import org.openyjs.panel.api.PanelCommands.ScheduleMeeting;
import org.openyjs.panel.api.PanelEvents.CaseListed;
import org.openyjs.panel.api.PanelEvents.DecisionRecorded;
import org.openyjs.panel.api.PanelEvents.MeetingScheduled;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The panel chair's API: schedule a meeting, list cases on it, record decisions. */
@Tag(name = "Out-of-court disposal panel")
@RestController
@RequestMapping("/panels")
public class PanelController {

    private static final String ID = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";
    private static final String ID_MESSAGE = "must be 1 to 64 letters, digits, '-' or '_'";

    private final CommandGateway commands;
    private final EventStore eventStore;

    public PanelController(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    record ScheduleRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String panelId, @NotNull LocalDate meetingDate) {
    }

    record ListCaseRequest(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String childId,
                           @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
                           @NotBlank String youthJusticeService) {
    }

    record DecisionRequest(@NotBlank String childId, @NotBlank String offenceId, @NotBlank String outcomeCode,
                           @NotBlank @Size(max = 4000) String rationale) {
    }

    record Created(String panelId, String decisionId) {
    }

    record Decision(String decisionId, String childId, String offenceId, String outcomeCode, LocalDate decisionDate,
                    String rationale) {
    }

    record PanelView(String panelId, LocalDate meetingDate, List<CaseListed> agenda, List<Decision> decisions) {
    }

    @Operation(summary = "Schedule a panel meeting")
    @PostMapping
    public ResponseEntity<Created> schedule(@Valid @RequestBody ScheduleRequest request) {
        String panelId = request.panelId() != null ? request.panelId() : UUID.randomUUID().toString();
        commands.sendAndWait(new ScheduleMeeting(panelId, request.meetingDate()));
        return ResponseEntity.created(URI.create("/panels/" + panelId)).body(new Created(panelId, null));
    }

    @Operation(summary = "Place a child's offence on the meeting's agenda")
    @PostMapping("/{panelId}/cases")
    public ResponseEntity<Created> listCase(@PathVariable String panelId, @Valid @RequestBody ListCaseRequest request) {
        commands.sendAndWait(new ListCase(panelId, request.childId(), request.offenceId(), request.youthJusticeService()));
        return ResponseEntity.created(URI.create("/panels/" + panelId)).body(new Created(panelId, null));
    }

    @Operation(summary = "Record the panel's decision on a listed case; it reaches the child's case over Kafka")
    @PostMapping("/{panelId}/decisions")
    public ResponseEntity<Created> decide(@PathVariable String panelId, @Valid @RequestBody DecisionRequest request) {
        String decisionId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordDecision(panelId, decisionId, request.childId(), request.offenceId(),
                request.outcomeCode(), request.rationale()));
        return ResponseEntity.created(URI.create("/panels/" + panelId)).body(new Created(panelId, decisionId));
    }

    @Operation(summary = "A panel meeting: its agenda and decisions")
    @GetMapping("/{panelId}")
    public PanelView read(@PathVariable String panelId) {
        LocalDate meetingDate = null;
        List<CaseListed> agenda = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(panelId).asStream().toList();
        for (DomainEventMessage<?> message : events) {
            Object fact = message.getPayload();
            if (fact instanceof MeetingScheduled scheduled) {
                meetingDate = scheduled.meetingDate();
            } else if (fact instanceof CaseListed listed) {
                agenda.add(listed);
            } else if (fact instanceof DecisionRecorded d) {
                decisions.add(new Decision(d.decisionId(), d.childId(), d.offenceId(), d.outcomeCode(),
                        d.decisionDate(), d.rationale()));
            }
        }
        if (meetingDate == null) {
            throw DomainRefusal.notFound(null, "No panel meeting " + panelId);
        }
        return new PanelView(panelId, meetingDate, agenda, decisions);
    }
}
