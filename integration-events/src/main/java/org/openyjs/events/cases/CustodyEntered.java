package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * The child was admitted to the secure estate on a custodial sentence (or a remand to youth detention
 * accommodation). Resettlement is measured from here: accommodation referral at least 3 months
 * before {@code expectedReleaseDate}.
 *
 * @param orderId            the custodial order (or remand id) the admission belongs to
 * @param establishmentType  YOI, STC or SCH
 */
public record CustodyEntered(
        String childId,
        String orderId,
        String establishmentType,
        LocalDate admittedOn,
        LocalDate expectedReleaseDate) implements IntegrationPayload {
}
