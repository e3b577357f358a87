package org.openyjs.kpi.consuming;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class ConsumerConfiguration {

    /**
     * Unusable records never reach the error handler (the decoder turns them into rejected_message
     * rows); what does is the database failing. Retry the batch, backing off to 30 s, for as long as
     * that takes: skipping it would leave silent gaps in the figures.
     */
    @Bean
    public CommonErrorHandler kafkaErrorHandler() {
        DefaultErrorHandler handler = new DefaultErrorHandler(new ExponentialBackOff(1_000, 2.0));
        // Not even the handler's default "fatal" exception types skip records here.
        handler.setClassifications(Map.of(), true);
        return handler;
    }
}
