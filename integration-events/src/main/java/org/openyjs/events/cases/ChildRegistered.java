package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A child's case was opened. Carries only what KPIs break figures down by: no name, no address.
 *
 * @param ethnicity      an ONS ethnicity code (reference data), e.g. {@code WHITE_BRITISH}
 * @param localAuthority the child's home local authority
 */
public record ChildRegistered(
        String childId,
        String youthJusticeService,
        LocalDate dateOfBirth,
        String sex,
        String ethnicity,
        String localAuthority) implements IntegrationPayload {
}
