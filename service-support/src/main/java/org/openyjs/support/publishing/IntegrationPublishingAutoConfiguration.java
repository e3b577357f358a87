package org.openyjs.support.publishing;

import org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.config.ConfigurerModule;
import org.openyjs.events.EventTypes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

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
     * One segment keeps a single producer ordering; 100 events per batch share one token update.
     */
    @Bean
    public ConfigurerModule integrationPublisherTuning(
            @Value("${axon.kafka.publisher.processing-group}") String processingGroup,
            @Value("${yjs.integration-publisher.batch-size:100}") int batchSize) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                processingGroup, (config, builder) -> builder.batchSize(batchSize).initialSegmentCount(1));
    }

    /** Events with no integration contract resolve to no topic, so the publisher skips them. */
    @Bean
    public TopicResolver integrationTopicResolver(IntegrationEventMapper mapper) {
        return message -> mapper.toIntegrationPayload(message.getPayload())
                .flatMap(payload -> EventTypes.byPayload(payload.getClass()))
                .map(EventTypes.EventType::topic);
    }
}
