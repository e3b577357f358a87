package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * Responsibility for a child moved between youth justice services. The envelope names the service
 * recording it; {@code otherYouthJusticeService} is the one it moved to (OUT) or from (IN).
 *
 * @param direction   IN or OUT
 * @param arrangement TRANSFER (case moves) or CARETAKING (the other service supervises on this one's behalf)
 */
public record CaseTransferred(
        String childId,
        String direction,
        String otherYouthJusticeService,
        String arrangement,
        LocalDate transferredOn) implements IntegrationPayload {
}
