package org.openyjs.kpi.firsttimeentrants;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Set;

/** The configurable part of the first-time entrants rule ({@code kpi.rules.first-time-entrants}). */
@Validated
@ConfigurationProperties("kpi.rules.first-time-entrants")
public record FirstTimeEntrantsRule(@Positive int version, @NotEmpty Set<String> qualifyingOutcomes) {
}
