package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/** A closed case was opened again. */
public record CaseReopened(
        String childId,
        LocalDate reopenedOn) implements IntegrationPayload {
}
