package org.openyjs.panel.referral;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A referral's identifier, derived from the child and the offence: the same offence referred twice
 * (a redelivered message) lands on the same aggregate, which is what makes intake idempotent.
 */
public final class ReferralId {

    private ReferralId() {
    }

    public static String of(String childId, String offenceId) {
        return UUID.nameUUIDFromBytes(("panel-referral\u0000" + childId + "\u0000" + offenceId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
