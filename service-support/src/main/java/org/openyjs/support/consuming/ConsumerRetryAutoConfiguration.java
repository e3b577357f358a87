package org.openyjs.support.consuming;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Map;

/**
 * Every service's Kafka listeners retry a record (or a batch) that failed, backing off to 30 s, for as long as that
 * takes. Spring Kafka's default gives up after ten attempts and skips it: a panel decision, a referral or a KPI fact
 * lost because the database was briefly down. Unusable records never get here (each consumer decodes and counts them
 * itself), so what does is a failure that passes.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(DefaultErrorHandler.class)
public class ConsumerRetryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    public CommonErrorHandler retryUntilStored() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        // Not even the handler's default "fatal" exception types skip a record.
        handler.setClassifications(Map.of(), true);
        return handler;
    }
}
