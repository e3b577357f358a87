package org.openyjs.local.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    @Test
    void percentiles_are_nearest_rank() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) {
            latencies.add(i * 1_000_000L); // 1..100 ms, added out of order
        }
        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentile(50)).isEqualTo(50_000_000L);
        assertThat(latencies.percentile(99)).isEqualTo(99_000_000L);
        assertThat(latencies.percentile(100)).isEqualTo(100_000_000L);
        assertThat(latencies.percentile(0.1)).isEqualTo(1_000_000L);
    }

    @Test
    void a_few_values_round_up_to_the_next_rank() {
        Latencies latencies = new Latencies();
        latencies.add(10);
        latencies.add(30);
        latencies.add(20);
        assertThat(latencies.percentile(50)).isEqualTo(20);  // rank ceil(1.5) = 2
        assertThat(latencies.percentile(99)).isEqualTo(30);  // rank ceil(2.97) = 3
        assertThat(latencies.percentile(33)).isEqualTo(10);  // rank ceil(0.99) = 1
    }

    @Test
    void nothing_recorded_is_zero_and_bad_percentiles_are_refused() {
        assertThat(new Latencies().percentile(99)).isZero();
        assertThatThrownBy(() -> new Latencies().percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Latencies().percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void grows_past_its_first_capacity() {
        Latencies latencies = new Latencies();
        for (int i = 1; i <= 5000; i++) {
            latencies.add(i);
        }
        assertThat(latencies.percentile(99)).isEqualTo(4950);
    }

    @Test
    void requests_are_scheduled_evenly_from_the_start() {
        assertThat(Latencies.scheduledAt(1_000, 0, 500)).isEqualTo(1_000);
        assertThat(Latencies.scheduledAt(1_000, 1, 500)).isEqualTo(2_001_000);
        assertThat(Latencies.scheduledAt(0, 250, 250)).isEqualTo(1_000_000_000L);
        assertThat(Latencies.scheduledAt(0, 3, 1000)).isEqualTo(3_000_000L);
        assertThat(Latencies.millis(12_345_678)).isEqualTo(12.3);
    }
}
