package org.openyjs.events;

/**
 * A versioned integration-event body. Each implementation is registered in {@link EventTypes}
 * under its contract name and version; a changed shape gets a new version, never an edit in place.
 * Each version has a JSON Schema in {@code src/main/resources/contracts/}, checked against the record by
 * {@code ContractSchemasTest} (docs/integration-events.md).
 */
public interface IntegrationPayload {

    /** The pseudonymous child the event is about. */
    String childId();
}
