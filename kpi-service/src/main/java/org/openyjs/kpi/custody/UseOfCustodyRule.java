package org.openyjs.kpi.custody;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Set;

/** The configurable part of the use-of-custody rule ({@code kpi.rules.custody}). */
@Validated
@ConfigurationProperties("kpi.rules.custody")
public record UseOfCustodyRule(@Positive int version, @NotEmpty Set<String> custodialOutcomes) {
}
