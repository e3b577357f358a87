package org.openyjs.support.observability;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.RecordInterceptor;

import java.time.Duration;

/**
 * Health that readiness can rely on (Kafka reachable, event processors and Kafka consumers running)
 * and the correlation id carried through Kafka consumers. The readiness group that includes these is
 * configured in {@code yjs-service-defaults.yml}.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class,
        afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
public class ObservabilityAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RecordInterceptor.class)
    static class Kafka {

        @Bean
        public HealthIndicator kafkaHealthIndicator(
                @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                @Value("${yjs.health.kafka-timeout:3s}") Duration timeout) {
            return new KafkaHealthIndicator(bootstrapServers, timeout);
        }

        @Bean
        public RecordInterceptor<Object, Object> correlationRecordInterceptor() {
            return new CorrelationRecordInterceptor();
        }

        @Bean
        @ConditionalOnBean(KafkaListenerEndpointRegistry.class)
        public HealthIndicator kafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
            return new KafkaListenersHealthIndicator(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EventProcessingConfiguration.class)
    static class Axon {

        @Bean
        @ConditionalOnBean(EventProcessingConfiguration.class)
        public HealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
            return new EventProcessorsHealthIndicator(processing);
        }
    }
}
