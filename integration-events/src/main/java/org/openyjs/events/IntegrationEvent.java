package org.openyjs.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * The envelope of every message on an integration topic.
 *
 * <p>Consumers dedupe on {@link #eventId()} (publishing is at-least-once) and pick the payload
 * class from {@link #eventType()} and {@link #schemaVersion()} through {@link EventTypes}.
 * Business time lives in the payload (an outcome date, an offence date); {@link #recordedAt()} is
 * system time, so a back-dated entry still lands in the right KPI period.
 *
 * @param eventId             the source event's identifier, unique across the platform
 * @param eventType           the payload's contract name, e.g. {@code OutcomeRecorded}
 * @param schemaVersion       the payload's contract version
 * @param youthJusticeService the service the child's case belongs to, e.g. {@code leicester-city}
 * @param childId             the pseudonymous child identifier (never a name)
 * @param recordedAt          when the fact was recorded (system time)
 * @param recordedBy          who recorded it (a worker's user name, or {@code system})
 * @param payload             the event body, shaped by the contract named above
 */
public record IntegrationEvent(
        String eventId,
        String eventType,
        int schemaVersion,
        String youthJusticeService,
        String childId,
        Instant recordedAt,
        String recordedBy,
        JsonNode payload) {

    public IntegrationEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
    }
}
