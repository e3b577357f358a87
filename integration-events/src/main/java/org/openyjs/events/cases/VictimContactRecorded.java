package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * What came of contacting the victim of a child's offence. Carries no victim details: those stay in
 * case-service, readable only by the victim contact officer.
 *
 * <p>Version 2 added the last three answers KPI 10 (victims) needs. A version 1 message is upcast by
 * {@link org.openyjs.events.Upcasters}: the answers it never asked are null (not recorded), not false.
 *
 * @param victimId                        a pseudonymous victim reference, unique within the case
 * @param result                          VIEWS_GIVEN, DECLINED or NOT_CONTACTABLE
 * @param consentedToContact              whether the victim consented to contact
 * @param restorativeJusticeOffered       whether restorative justice was offered
 * @param keptInformed                    whether the victim was kept informed of the case's progress; null if not recorded
 * @param restorativeJusticeParticipated  whether the victim took part in restorative justice; null if not recorded
 * @param supportReferralMade             whether the victim was referred for support; null if not recorded
 */
public record VictimContactRecorded(
        String childId,
        String offenceId,
        String victimId,
        LocalDate contactedOn,
        String result,
        boolean consentedToContact,
        boolean restorativeJusticeOffered,
        Boolean keptInformed,
        Boolean restorativeJusticeParticipated,
        Boolean supportReferralMade) implements IntegrationPayload {
}
