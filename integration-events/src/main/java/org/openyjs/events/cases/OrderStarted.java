package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * An intervention or order began: prevention and diversion programmes, out-of-court interventions,
 * referral orders, youth rehabilitation orders, custodial sentences.
 *
 * @param orderType reference-data code, e.g. REFERRAL_ORDER, OUT_OF_COURT_INTERVENTION
 * @param kind      PREVENTION, OUT_OF_COURT, COMMUNITY or CUSTODY, from the order type's reference data
 * @param offenceId the offence it answers, or null (prevention work)
 */
public record OrderStarted(
        String childId,
        String orderId,
        String orderType,
        String kind,
        String offenceId,
        LocalDate startDate,
        LocalDate plannedEndDate) implements IntegrationPayload {
}
