package org.openyjs.local.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScrapedHistogramTest {

    private static String exposition(long le01, long le05, long le1, long inf) {
        return """
                # HELP kpi_read_model_staleness_seconds From an event's recording to its facts committed
                # TYPE kpi_read_model_staleness_seconds histogram
                kpi_read_model_staleness_seconds_bucket{application="kpi-service",le="0.1"} %d
                kpi_read_model_staleness_seconds_bucket{application="kpi-service",le="0.5"} %d
                kpi_read_model_staleness_seconds_bucket{application="kpi-service",le="1.0"} %d
                kpi_read_model_staleness_seconds_bucket{application="kpi-service",le="+Inf"} %d
                kpi_read_model_staleness_seconds_count{application="kpi-service"} %d
                kpi_consumer_poll_seconds_bucket{application="kpi-service",le="0.1"} 999
                """.formatted(le01, le05, le1, inf, inf);
    }

    @Test
    void thePhaseIsWhatWasObservedBetweenTheTwoReads() {
        ScrapedHistogram before = ScrapedHistogram.parse(exposition(1000, 1000, 1000, 5000), "kpi_read_model_staleness_seconds");
        // In the phase: 90 under 100 ms, 8 more under 500 ms, 2 more under 1 s.
        ScrapedHistogram after = ScrapedHistogram.parse(exposition(1090, 1098, 1100, 5100), "kpi_read_model_staleness_seconds");

        ScrapedHistogram phase = after.since(before);

        assertThat(phase.count()).isEqualTo(100);
        assertThat(phase.percentileUpperBoundMillis(50)).isEqualTo(100.0);
        assertThat(phase.percentileUpperBoundMillis(90)).isEqualTo(100.0);
        assertThat(phase.percentileUpperBoundMillis(91)).isEqualTo(500.0);
        assertThat(phase.percentileUpperBoundMillis(99)).isEqualTo(1000.0);
        // The 4,000 slow ones before the phase (a catch-up) do not show in it.
        assertThat(before.percentileUpperBoundMillis(50)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void anEmptyPhaseHasNoPercentileAndAMissingMetricIsAnError() {
        ScrapedHistogram same = ScrapedHistogram.parse(exposition(1, 2, 3, 4), "kpi_read_model_staleness_seconds");
        assertThat(same.since(same).percentileUpperBoundMillis(99)).isNaN();
        assertThatThrownBy(() -> ScrapedHistogram.parse(exposition(1, 2, 3, 4), "no_such_seconds"))
                .hasMessageContaining("no_such_seconds");
    }
}
