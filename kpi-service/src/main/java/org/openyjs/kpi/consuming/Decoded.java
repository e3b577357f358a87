package org.openyjs.kpi.consuming;

import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationPayload;

/** What a record on an integration topic turned out to be. */
public sealed interface Decoded {

    /** A readable event of a known contract with everything the read model needs. */
    record Accepted(IntegrationEvent event, IntegrationPayload payload) implements Decoded {
    }

    /** A record to note and skip. {@code eventId} is null when the envelope itself is unreadable. */
    record Rejected(Kind kind, String eventId, String reason) implements Decoded {
    }

    enum Kind {
        /** Not an integration event, or one that breaks its contract. */
        MALFORMED,
        /** A well-formed event of a contract (or contract version) this reader does not know. */
        UNKNOWN_CONTRACT
    }
}
