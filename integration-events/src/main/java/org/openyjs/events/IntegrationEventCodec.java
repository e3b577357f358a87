package org.openyjs.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Writes and reads the JSON wire form of integration events. One codec for producers and consumers. */
public final class IntegrationEventCodec {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Tolerant reader: a producer may add fields within a version.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Wraps a payload in its envelope; fails for a payload that is not a registered contract. */
    public IntegrationEvent wrap(String eventId, String youthJusticeService, Instant recordedAt, String recordedBy,
                                 IntegrationPayload payload) {
        EventTypes.EventType type = EventTypes.byPayload(payload.getClass())
                .orElseThrow(() -> new IllegalArgumentException("Not an integration contract: " + payload.getClass()));
        return new IntegrationEvent(eventId, type.name(), type.version(), youthJusticeService, payload.childId(),
                recordedAt, recordedBy, mapper.valueToTree(payload));
    }

    /** A value's JSON as a payload is written: for the contract tests, which check the schemas against it. */
    JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    public byte[] write(IntegrationEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise integration event " + event.eventId(), e);
        }
    }

    /** Reads an envelope; a malformed message is an {@link InvalidIntegrationEvent}, never a silent skip. */
    public IntegrationEvent read(byte[] bytes) {
        try {
            return mapper.readValue(bytes, IntegrationEvent.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidIntegrationEvent("Unreadable integration event: " + e.getMessage(), e);
        }
    }

    /**
     * The typed payload in the contract's current version (an older message is upcast first), or
     * empty for a contract or version this reader does not know (a newer producer).
     */
    public Optional<IntegrationPayload> payload(IntegrationEvent event) {
        return EventTypes.current(event.eventType())
                .filter(type -> event.schemaVersion() <= type.version())
                .flatMap(type -> Upcasters.upcast(type.name(), event.schemaVersion(), type.version(), event.payload())
                        .map(body -> {
                            try {
                                return mapper.treeToValue(body, type.payloadClass());
                            } catch (JsonProcessingException e) {
                                throw new InvalidIntegrationEvent("Payload does not match " + type.name() + " v"
                                        + event.schemaVersion() + ": " + e.getOriginalMessage(), e);
                            }
                        }));
    }

    /** A message on an integration topic that does not match its contract. */
    public static class InvalidIntegrationEvent extends RuntimeException {
        public InvalidIntegrationEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
