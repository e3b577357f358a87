package org.openyjs.events.panel;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * The conditions of a youth conditional caution the panel decided were not completed by their end
 * date. case-service records it on the child's case (police may then prosecute the original offence).
 *
 * @param decisionId        the panel decision that gave the caution
 * @param conditionsEndDate the day the conditions should have been completed by
 * @param recordedOn        the day non-completion was recorded (business time)
 */
public record YouthConditionalCautionNotCompleted(
        String decisionId,
        String childId,
        String offenceId,
        LocalDate conditionsEndDate,
        LocalDate recordedOn) implements IntegrationPayload {
}
