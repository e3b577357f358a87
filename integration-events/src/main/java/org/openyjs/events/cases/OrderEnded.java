package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * An intervention or order ended; the KPIs on accommodation, ETE, SEND, mental health and substance
 * misuse count children whose intervention or order ended in the period.
 *
 * @param endReason COMPLETED, REVOKED, BREACHED or TRANSFERRED
 */
public record OrderEnded(
        String childId,
        String orderId,
        String orderType,
        String kind,
        LocalDate endDate,
        String endReason) implements IntegrationPayload {
}
