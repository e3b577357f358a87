package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A child was referred for prevention or early-intervention work (no offence needed).
 *
 * @param source   POLICE_COMMUNITY_RESOLUTION, OOCD_PANEL, SCHOOL, PPN or FAMILY (reference data)
 * @param consent  GIVEN, OPTED_OUT or PENDING: the service works on an opt-out model
 */
public record PreventionReferralRecorded(
        String childId,
        String referralId,
        LocalDate referredOn,
        String source,
        String consent) implements IntegrationPayload {
}
