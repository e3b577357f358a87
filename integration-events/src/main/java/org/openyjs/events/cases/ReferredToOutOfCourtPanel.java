package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A child's offence was referred to the joint out-of-court disposal panel. panel-service puts it on
 * the agenda; the panel decision is due a configured number of working days after {@code referralDate}.
 *
 * @param gravityScore the Child Gravity Matrix score at referral (1-5), or null when not yet scored
 */
public record ReferredToOutOfCourtPanel(
        String childId,
        String offenceId,
        LocalDate referralDate,
        Integer gravityScore,
        boolean admitted) implements IntegrationPayload {
}
