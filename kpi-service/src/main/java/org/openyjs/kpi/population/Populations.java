package org.openyjs.kpi.population;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The 10-17 population of each youth justice service ({@code kpi.population.<service>}). Configured
 * figures until the ONS mid-year estimates are imported; the basis says so on every figure.
 */
@Validated
@ConfigurationProperties("kpi")
public record Populations(@NotEmpty Map<String, @Positive Long> population) {

    public Populations {
        population = population == null ? Map.of() : Map.copyOf(population);
    }

    /** A service's denominator and where it came from. */
    public record Population(long tenToSeventeen, String source) {

        public String basis() {
            return "10-17 population " + tenToSeventeen + " (" + source + ")";
        }
    }

    public Optional<Population> of(String youthJusticeService) {
        return Optional.ofNullable(population.get(youthJusticeService))
                .map(count -> new Population(count, "configured"));
    }

    public SortedSet<String> services() {
        return new TreeSet<>(population.keySet());
    }
}
