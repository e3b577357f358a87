package org.openyjs.panel.referral;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Set;

/**
 * What the panel may decide, from configuration ({@code panel.decisions}).
 *
 * @param outcomes           the outcome codes the panel decides (as case-service's reference data spells them)
 * @param admissionRequired  outcomes refused unless the child admitted the offence
 * @param conditionalCaution the outcome that carries conditions with an end date
 */
@ConfigurationProperties("panel.decisions")
public record DecisionRules(Set<String> outcomes, Set<String> admissionRequired, String conditionalCaution) {

    public boolean allows(String code) {
        return outcomes.contains(code);
    }

    public boolean needsAdmission(String code) {
        return admissionRequired.contains(code);
    }

    public boolean hasConditions(String code) {
        return conditionalCaution.equals(code);
    }
}
