package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.Instant;

/** The child was seen at home after a court outcome: the local rule is within 24 hours of the outcome. */
public record HomeVisitRecorded(
        String childId,
        String offenceId,
        Instant visitedAt) implements IntegrationPayload {
}
