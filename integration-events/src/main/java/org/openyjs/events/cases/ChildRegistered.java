package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A child's case was opened. Carries only what KPIs break figures down by: no name, no address.
 *
 * @param ethnicity      an ONS ethnicity code (reference data), e.g. {@code WHITE_BRITISH}
 * @param localAuthority the child's home local authority
 * @param openedOn       the day the case opened (version 2). Null in version 1 messages and in cases recorded
 *                       before the day was asked for: those opened on the day they were recorded.
 */
public record ChildRegistered(
        String childId,
        String youthJusticeService,
        LocalDate dateOfBirth,
        String sex,
        String ethnicity,
        String localAuthority,
        LocalDate openedOn) implements IntegrationPayload {
}
