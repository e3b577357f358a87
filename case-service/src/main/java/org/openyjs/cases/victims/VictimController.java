package org.openyjs.cases.victims;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.openyjs.cases.childcase.CaseWrites;
import org.openyjs.cases.api.CaseCommands.RecordVictimDetails;
import org.openyjs.cases.api.CaseEvents.PersonalDataErased;
import org.openyjs.cases.api.CaseEvents.VictimDetailsRecorded;
import org.openyjs.cases.childcase.CaseVersion;
import org.openyjs.cases.personaldata.ChildKeys;
import org.openyjs.cases.personaldata.PersonalDataCipher;
import org.openyjs.cases.personaldata.PersonalDataSealer;
import org.openyjs.support.web.DomainRefusal;
import org.openyjs.support.web.RequestUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.openyjs.cases.childcase.CaseIds.ID;
import static org.openyjs.cases.childcase.CaseIds.ID_MESSAGE;

/**
 * Victims' names and contact details: stored only encrypted with the child's key (so erasure makes
 * them unreadable too), and read or written only by a victim contact officer. What came of contacting
 * a victim (no details) is {@code POST .../offences/{offenceId}/victim-contacts}.
 */
@Tag(name = "Victims")
@RestController
@RequestMapping("/cases/{childId}/victims")
public class VictimController {

    static final String VICTIM_OFFICER = "VICTIM_OFFICER";

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ChildKeys keys;
    private final ObjectMapper json;
    private final PersonalDataSealer sealer;

    public VictimController(CommandGateway commands, EventStore eventStore, ChildKeys keys, ObjectMapper json,
                            PersonalDataSealer sealer) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.keys = keys;
        this.json = json;
        this.sealer = sealer;
    }

    public record ContactDetails(@Size(max = 30) String phone, @Email @Size(max = 200) String email,
                                 @Size(max = 500) String address) {
    }

    /** What is encrypted: the victim's name and how to reach them. */
    public record Details(@NotBlank @Size(max = 200) String name, @Valid ContactDetails contactDetails) {
    }

    /** Also import rows' data (docs/import-format.md). */
    public record VictimRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String victimId,
                                @Pattern(regexp = ID, message = ID_MESSAGE) String offenceId,
                                @NotBlank @Size(max = 200) String name, @Valid ContactDetails contactDetails) {
        /** With the victim id given, or one generated for a new victim. */
        public RecordVictimDetails command(PersonalDataSealer sealer, String childId, String victimId,
                                           Long expectedVersion) {
            return new RecordVictimDetails(childId, victimId, offenceId,
                    sealer.seal(childId, new Details(name, contactDetails)), expectedVersion);
        }
    }

    public record Victim(String victimId, String offenceId, String name, ContactDetails contactDetails) {
    }

    record Recorded(String childId, String victimId) {
    }

    @Operation(summary = "Record a victim's name and contact details (victim officer only; stored encrypted with the child's key)")
    @PostMapping
    public ResponseEntity<Recorded> record(@PathVariable String childId,
                                           @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody VictimRequest request) {
        requireVictimOfficer();
        String victimId = request.victimId() != null ? request.victimId() : UUID.randomUUID().toString();
        Long version = CaseVersion.fromIfMatch(ifMatch);
        commands.sendAndWait(request.command(sealer, childId, victimId, version));
        return ResponseEntity.created(CaseWrites.location(childId, "victims", victimId))
                .body(new Recorded(childId, victimId));
    }

    @Operation(summary = "The victims of a child's offences with their details (victim officer only; 410 once erased)")
    @GetMapping
    public List<Victim> list(@PathVariable String childId) {
        requireVictimOfficer();
        return List.copyOf(victims(childId).values());
    }

    @Operation(summary = "One victim's details (victim officer only; 410 once erased)")
    @GetMapping("/{victimId}")
    public Victim one(@PathVariable String childId, @PathVariable String victimId) {
        requireVictimOfficer();
        Victim victim = victims(childId).get(victimId);
        if (victim == null) {
            throw DomainRefusal.notFound("victimId", "victim " + victimId + " is not on this child's case");
        }
        return victim;
    }

    /** The latest details of each victim, decrypted. */
    private Map<String, Victim> victims(String childId) {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(childId).asStream().toList();
        if (events.isEmpty()) {
            throw DomainRefusal.notFound(null, "No case for child " + childId);
        }
        Map<String, VictimDetailsRecorded> latest = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof PersonalDataErased) {
                throw erased(childId);
            }
            if (event.getPayload() instanceof VictimDetailsRecorded recorded) {
                latest.put(recorded.victimId(), recorded);
            }
        }
        if (latest.isEmpty()) {
            return Map.of();
        }
        SecretKey key = keys.existingKey(childId).orElseThrow(() -> erased(childId));
        Map<String, Victim> victims = new LinkedHashMap<>();
        latest.forEach((id, recorded) -> {
            Details details = decrypt(recorded.encryptedDetails(), key, childId);
            victims.put(id, new Victim(id, recorded.offenceId(), details.name(), details.contactDetails()));
        });
        return victims;
    }

    private Details decrypt(String sealed, SecretKey key, String childId) {
        try {
            return json.readValue(PersonalDataCipher.decrypt(sealed, key, childId), Details.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireVictimOfficer() {
        if (!RequestUser.hasRole(VICTIM_OFFICER)) {
            throw new DomainRefusal(null, "victims' details are for the victim contact officer only",
                    HttpStatus.FORBIDDEN);
        }
    }

    private static DomainRefusal erased(String childId) {
        return PersonalDataSealer.erased(childId);
    }
}
