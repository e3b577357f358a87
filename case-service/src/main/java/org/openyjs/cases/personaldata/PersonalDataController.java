package org.openyjs.cases.personaldata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.cases.api.CaseCommands.ErasePersonalData;
import org.openyjs.cases.api.CaseCommands.RecordPersonalDetails;
import org.openyjs.cases.api.CaseEvents.PersonalDataErased;
import org.openyjs.cases.api.CaseEvents.PersonalDetailsRecorded;
import org.openyjs.cases.childcase.CaseVersion;
import org.openyjs.support.web.DomainRefusal;
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
import java.util.List;

/**
 * A child's personal details, which live only in case-service and only encrypted with the child's
 * own key. Erasure records why, then destroys the key.
 */
@Tag(name = "Personal details")
@RestController
@RequestMapping("/cases/{childId}")
public class PersonalDataController {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final ChildKeys keys;
    private final ObjectMapper json;
    private final PersonalDataSealer sealer;

    public PersonalDataController(CommandGateway commands, EventStore eventStore, ChildKeys keys, ObjectMapper json,
                                  PersonalDataSealer sealer) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.keys = keys;
        this.json = json;
        this.sealer = sealer;
    }

    public record Address(@Size(max = 200) String line1, @Size(max = 200) String line2, @Size(max = 100) String town,
                          @Size(max = 10) String postcode) {
    }

    /** Also import rows' data (docs/import-format.md). */
    public record PersonalDetails(@NotBlank @Size(max = 100) String givenName,
                                  @NotBlank @Size(max = 100) String familyName,
                                  @Size(max = 100) String preferredName,
                                  @Valid Address address,
                                  @Size(max = 30) String phone,
                                  @Email @Size(max = 200) String email) {
        public RecordPersonalDetails command(PersonalDataSealer sealer, String childId, Long expectedVersion) {
            return new RecordPersonalDetails(childId, sealer.seal(childId, this), expectedVersion);
        }
    }

    record ErasureRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    record Erased(String childId, String status) {
    }

    @Operation(summary = "Record a child's personal details (stored encrypted with the child's own key)")
    @PostMapping("/personal-details")
    public ResponseEntity<Erased> record(@PathVariable String childId,
                                         @RequestHeader(value = CaseVersion.IF_MATCH, required = false) String ifMatch,
                                         @Valid @RequestBody PersonalDetails details) {
        Long version = CaseVersion.fromIfMatch(ifMatch);
        commands.sendAndWait(details.command(sealer, childId, version));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Erased(childId, "recorded"));
    }

    @Operation(summary = "Read a child's personal details; 410 Gone once erased")
    @GetMapping("/personal-details")
    public PersonalDetails read(@PathVariable String childId) throws IOException {
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(childId).asStream().toList();
        if (events.isEmpty()) {
            throw DomainRefusal.notFound(null, "No case for child " + childId);
        }
        PersonalDetailsRecorded latest = null;
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof PersonalDataErased) {
                throw erased(childId);
            }
            if (event.getPayload() instanceof PersonalDetailsRecorded recorded) {
                latest = recorded;
            }
        }
        if (latest == null) {
            throw DomainRefusal.notFound(null, "No personal details are recorded for child " + childId);
        }
        SecretKey key = keys.existingKey(childId).orElseThrow(() -> erased(childId));
        return json.readValue(PersonalDataCipher.decrypt(latest.encryptedDetails(), key, childId),
                PersonalDetails.class);
    }

    @Operation(summary = "Erase a child's personal data: their key is destroyed; pseudonymous facts and KPIs stay")
    @PostMapping("/erasure")
    public Erased erase(@PathVariable String childId, @Valid @RequestBody ErasureRequest request) {
        commands.sendAndWait(new ErasePersonalData(childId, request.reason()));
        // After the erasure is on record: if this fails, repeating the request finishes it.
        keys.destroy(childId);
        return new Erased(childId, "erased");
    }

    private static DomainRefusal erased(String childId) {
        return PersonalDataSealer.erased(childId);
    }
}
