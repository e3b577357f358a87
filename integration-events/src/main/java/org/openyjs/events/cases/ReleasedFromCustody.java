package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * The child left the secure estate. Releases join the reoffending cohort, and the earlier wording of
 * KPIs 1-5 counted children "released from custody".
 *
 * @param releaseType LICENCE (the community part of a DTO or section 250 sentence), END_OF_SENTENCE
 *                    or REMAND_ENDED
 */
public record ReleasedFromCustody(
        String childId,
        String orderId,
        LocalDate releasedOn,
        String releaseType) implements IntegrationPayload {
}
