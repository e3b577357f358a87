package org.openyjs.support.publishing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.config.ConfigurerModule;
import org.openyjs.events.EventTypes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Replaces the Kafka extension's default converter and topic with the integration contracts.
 * The extension's publisher runs in a streaming processor (configured per service), so a command
 * succeeds while Kafka is down and its events follow from the event store once Kafka is back.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAutoConfiguration.class)
@ConditionalOnBean(IntegrationEventMapper.class)
public class IntegrationPublishingAutoConfiguration {

    @Bean
    public KafkaMessageConverter<String, byte[]> integrationEventKafkaConverter(IntegrationEventMapper mapper) {
        return new IntegrationEventKafkaConverter(mapper);
    }

    /**
     * Publishing batches: the extension registers the publisher's pooled streaming processor itself,
     * so its settings are customised here rather than declared as a second processor in properties.
     * One segment keeps a single producer ordering; a batch's events (500 in yjs-service-defaults.yml)
     * share one wait for Kafka's acknowledgements and one token update.
     */
    @Bean
    public ConfigurerModule integrationPublisherTuning(
            @Value("${axon.kafka.publisher.processing-group}") String processingGroup,
            @Value("${yjs.integration-publisher.batch-size:100}") int batchSize) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                processingGroup, (config, builder) -> builder.batchSize(batchSize).initialSegmentCount(1));
    }

    /**
     * Acknowledgements awaited once per batch rather than per event, and a failed batch's producer thrown
     * away (see {@link AckPerBatchKafkaPublisher}, ADR 0011). Its producers take the extension's
     * {@code axon.kafka.producer} settings; the extension's own producer factory is left unused.
     */
    @Bean
    public KafkaPublisher<String, byte[]> kafkaPublisher(ProducerFactory<String, byte[]> extensionFactory,
            KafkaProperties kafka, KafkaMessageConverter<String, byte[]> converter, TopicResolver topics,
            @Value("${yjs.integration-publisher.ack-timeout:PT10S}") Duration ackTimeout) {
        return new AckPerBatchKafkaPublisher(extensionFactory, () -> new KafkaProducer<>(kafka.buildProducerProperties()),
                converter, topics, ackTimeout, ackTimeout);
    }

    /** Events with no integration contract resolve to no topic, so the publisher skips them. */
    @Bean
    public TopicResolver integrationTopicResolver(IntegrationEventMapper mapper) {
        return message -> mapper.toIntegrationPayload(message.getPayload())
                .flatMap(payload -> EventTypes.byPayload(payload.getClass()))
                .map(EventTypes.EventType::topic);
    }
}
