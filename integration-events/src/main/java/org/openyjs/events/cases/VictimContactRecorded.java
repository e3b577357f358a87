package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * What came of contacting the victim of a child's offence. Carries no victim details: those stay in
 * case-service, readable only by the victim contact officer.
 *
 * @param victimId                    a pseudonymous victim reference, unique within the case
 * @param result                      VIEWS_GIVEN, DECLINED or NOT_CONTACTABLE
 * @param consentedToContact          whether the victim consented to contact
 * @param restorativeJusticeOffered   whether restorative justice was offered
 */
public record VictimContactRecorded(
        String childId,
        String offenceId,
        String victimId,
        LocalDate contactedOn,
        String result,
        boolean consentedToContact,
        boolean restorativeJusticeOffered) implements IntegrationPayload {
}
