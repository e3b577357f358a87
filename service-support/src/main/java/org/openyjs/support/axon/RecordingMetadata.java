package org.openyjs.support.axon;

/** Metadata every recorded event carries besides its payload. */
public final class RecordingMetadata {

    /** Who recorded the fact: copied from the command to its events. */
    public static final String RECORDED_BY = "recordedBy";

    /** The youth justice service the case belongs to: set by the aggregate when it applies an event. */
    public static final String YOUTH_JUSTICE_SERVICE = "youthJusticeService";

    /**
     * The correlation id of the request that caused the fact, followed from the gateway through commands,
     * events and Kafka. Not Axon's own "correlationId" key: Axon's MessageOriginProvider sets that to the
     * id of the message that caused this one.
     */
    public static final String REQUEST_CORRELATION_ID = "requestCorrelationId";

    /** Used when no person recorded it (a reaction to another service's event). */
    public static final String SYSTEM = "system";

    private RecordingMetadata() {
    }
}
