package org.openyjs.panel.meeting;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Set;

/**
 * The outcomes the panel may decide, from configuration ({@code panel.outcomes}). Charging a child
 * (a route to court) joins them when case-service can record it.
 */
@ConfigurationProperties("panel")
public record PanelOutcomes(Set<String> outcomes) {

    public boolean allows(String code) {
        return outcomes.contains(code);
    }
}
