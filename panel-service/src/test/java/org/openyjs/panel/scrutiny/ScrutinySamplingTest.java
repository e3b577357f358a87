package org.openyjs.panel.scrutiny;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScrutinySamplingTest {

    private final ScrutinySampling sampling = new ScrutinySampling(0.10, 20240110L, Set.of("YOUTH_CONDITIONAL_CAUTION"), true);

    @Test
    void every_youth_conditional_caution_and_every_override_is_sampled() {
        assertThat(sampling.reasons("d1", "YOUTH_CONDITIONAL_CAUTION", false)).contains("OUTCOME_YOUTH_CONDITIONAL_CAUTION");
        assertThat(sampling.reasons("d1", "OUTCOME_22", true)).contains(ScrutinySampling.OVERRIDE);
    }

    @Test
    void the_random_sample_is_about_the_configured_rate_and_reproducible() {
        long sampled = IntStream.range(0, 10_000).mapToObj(i -> "decision-" + i)
                .filter(id -> sampling.reasons(id, "OUTCOME_22", false).contains(ScrutinySampling.RANDOM)).count();
        assertThat(sampled).isBetween(900L, 1100L);
        assertThat(sampling.reasons("decision-42", "OUTCOME_22", false))
                .isEqualTo(new ScrutinySampling(0.10, 20240110L, Set.of(), true).reasons("decision-42", "OUTCOME_22", false));
    }

    @Test
    void another_seed_draws_another_sample() {
        ScrutinySampling other = new ScrutinySampling(0.10, 7L, Set.of(), true);
        long differing = IntStream.range(0, 1000).mapToObj(i -> "decision-" + i)
                .filter(id -> sampling.draw(id) != other.draw(id)).count();
        assertThat(differing).isEqualTo(1000);
    }
}
