package org.openyjs.cases.paneldecision;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration
public class ConsumerConfiguration {

    /**
     * Spring Kafka's default gives up after ten attempts and skips the record, which would lose a
     * panel decision when the event store is briefly down. Retry until it passes instead.
     */
    @Bean
    public DefaultErrorHandler retryUntilRecorded() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
