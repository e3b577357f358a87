package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A child's case was closed. Caseload counts open cases.
 *
 * @param closureCode reference code for why, e.g. ORDER_COMPLETED, TRANSFERRED, AGED_OUT, NO_FURTHER_INVOLVEMENT
 *                    (free text stays in case-service)
 */
public record CaseClosed(
        String childId,
        LocalDate closedOn,
        String closureCode) implements IntegrationPayload {
}
