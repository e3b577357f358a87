package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * An accommodation referral was made for a child's release from custody. The local rule wants it at
 * least 3 months before the expected release date.
 */
public record ResettlementAccommodationReferralMade(
        String childId,
        String orderId,
        LocalDate referredOn,
        LocalDate expectedReleaseDate) implements IntegrationPayload {
}
