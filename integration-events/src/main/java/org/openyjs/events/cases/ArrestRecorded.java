package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.Instant;

/**
 * The child was arrested. The local rule allocates a worker at the point of arrest.
 *
 * @param workerAllocatedAt        when a worker was allocated, or null if none yet
 * @param heldOvernight            held overnight in police custody
 * @param paceTransferRequested    a PACE transfer to local authority accommodation was requested
 * @param paceTransferProvided     and provided
 * @param result                   CHARGED, BAILED, RELEASED_UNDER_INVESTIGATION, NO_FURTHER_ACTION or REFERRED_TO_PANEL
 */
public record ArrestRecorded(
        String childId,
        String arrestId,
        Instant arrestedAt,
        Instant workerAllocatedAt,
        boolean heldOvernight,
        boolean paceTransferRequested,
        boolean paceTransferProvided,
        String result) implements IntegrationPayload {
}
