package org.openyjs.gateway.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitFilterTest {

    private final MutableClock clock = new MutableClock();
    // 2 requests per second sustained, bursts of 3.
    private final RateLimitFilter limiter = new RateLimitFilter(new ProtectionProperties(2, 3, DataSize.ofMegabytes(1),
            DataSize.ofMegabytes(1), List.of(), DataSize.ofKilobytes(16), List.of()), clock, new ProblemWriter(new ObjectMapper()));

    @Test
    void a_burst_is_allowed_then_the_caller_waits_for_the_sustained_rate() {
        assertThat(limiter.take("user:pat")).isZero();
        assertThat(limiter.take("user:pat")).isZero();
        assertThat(limiter.take("user:pat")).isZero();
        // Bucket empty: one token comes back every 500 ms at 2 per second.
        assertThat(limiter.take("user:pat")).isEqualTo(500);

        clock.advance(Duration.ofMillis(250));
        assertThat(limiter.take("user:pat")).isEqualTo(250);
        clock.advance(Duration.ofMillis(250));
        assertThat(limiter.take("user:pat")).isZero();
    }

    @Test
    void each_user_has_their_own_bucket() {
        for (int i = 0; i < 3; i++) {
            limiter.take("user:pat");
        }
        assertThat(limiter.take("user:pat")).isPositive();
        assertThat(limiter.take("user:sam")).isZero();
    }

    @Test
    void an_idle_bucket_refills_only_up_to_the_burst() {
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("user:pat")).isZero();
        }
        assertThat(limiter.take("user:pat")).isPositive();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-01-10T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
