package org.openyjs.kpi.consuming;

import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.kpi.readmodel.ReadModelProjection;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

import static org.openyjs.kpi.consuming.Decoded.Kind.MALFORMED;
import static org.openyjs.kpi.consuming.Decoded.Kind.UNKNOWN_CONTRACT;

/**
 * Classifies a record before anything is written. Every way a record can be unusable ends here as a
 * {@link Decoded.Rejected}, so it can never fail a database transaction and block its partition.
 */
@Component
public class IntegrationEventDecoder {

    private static final int MAX_REASON = 1000;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    public Decoded decode(byte[] value) {
        if (value == null || value.length == 0) {
            return new Decoded.Rejected(MALFORMED, null, "empty record");
        }
        IntegrationEvent event;
        try {
            event = codec.read(value);
        } catch (RuntimeException e) {
            return rejected(MALFORMED, null, e.getMessage());
        }
        Optional<IntegrationPayload> payload;
        try {
            payload = codec.payload(event);
        } catch (RuntimeException e) {
            return rejected(MALFORMED, event.eventId(), e.getMessage());
        }
        if (payload.isEmpty()) {
            return rejected(UNKNOWN_CONTRACT, event.eventId(),
                    "no contract " + event.eventType() + " v" + event.schemaVersion() + " in this reader; skipped");
        }
        List<String> missing = ReadModelProjection.missingFields(payload.get());
        if (!missing.isEmpty()) {
            return rejected(MALFORMED, event.eventId(),
                    event.eventType() + " v" + event.schemaVersion() + " lacks required fields " + missing);
        }
        return new Decoded.Accepted(event, payload.get());
    }

    private static Decoded.Rejected rejected(Decoded.Kind kind, String eventId, String reason) {
        String text = reason == null ? "no reason given" : reason;
        return new Decoded.Rejected(kind, eventId, text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text);
    }
}
