package org.openyjs.panel.scrutiny;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which decisions go to the multi-agency scrutiny panel ({@code panel.scrutiny}): every decision whose
 * outcome is listed in {@code alwaysOutcomes}, every decision made on a chair's override, and a random
 * share ({@code randomRate}) of the rest. "Random" is a hash of the seed and the decision id, so the
 * sample is reproducible (an auditor can recompute it) and does not depend on the order decisions arrive.
 */
@ConfigurationProperties("panel.scrutiny")
public record ScrutinySampling(double randomRate, long seed, Set<String> alwaysOutcomes, boolean alwaysOverrides) {

    public static final String OVERRIDE = "CHAIR_OVERRIDE";
    public static final String RANDOM = "RANDOM_SAMPLE";

    /** Why this decision is sampled; empty when it is not. */
    public List<String> reasons(String decisionId, String outcomeCode, boolean override) {
        List<String> reasons = new ArrayList<>();
        if (alwaysOutcomes != null && alwaysOutcomes.contains(outcomeCode)) {
            reasons.add("OUTCOME_" + outcomeCode);
        }
        if (alwaysOverrides && override) {
            reasons.add(OVERRIDE);
        }
        if (draw(decisionId) < randomRate) {
            reasons.add(RANDOM);
        }
        return reasons;
    }

    /** A number in [0, 1) fixed by the seed and the decision id. */
    double draw(String decisionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((seed + ":" + decisionId).getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(hash).getLong() >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
