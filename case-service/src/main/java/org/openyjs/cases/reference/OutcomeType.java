package org.openyjs.cases.reference;

import java.time.LocalDate;

/**
 * An outcome a child can be given, as reference data with an effective date range: national outcome
 * types are added over time (Outcome 23, Youth Diversion Orders), so this is data, not an enum.
 *
 * @param category          OUT_OF_COURT or COURT
 * @param requiresAdmission a youth caution or conditional caution needs the child's admission
 * @param effectiveTo       inclusive last day, or null while in force
 */
public record OutcomeType(
        String code,
        String description,
        String category,
        boolean requiresAdmission,
        boolean custodial,
        LocalDate effectiveFrom,
        LocalDate effectiveTo) {

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
