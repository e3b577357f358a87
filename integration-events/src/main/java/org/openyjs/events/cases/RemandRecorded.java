package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A remand began or ended. The local measure "remanded children not then sentenced to custody" sets
 * remands against the sentences that followed.
 *
 * @param remandType LOCAL_AUTHORITY_ACCOMMODATION or YOUTH_DETENTION_ACCOMMODATION
 * @param endDate    null while the remand continues
 */
public record RemandRecorded(
        String childId,
        String remandId,
        String offenceId,
        String remandType,
        LocalDate startDate,
        LocalDate endDate) implements IntegrationPayload {
}
