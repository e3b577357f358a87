package org.openyjs.support.publishing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.support.axon.RecordingMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Writes a domain event as its integration contract: the JSON envelope, keyed by child id so one
 * child's events stay in order on one partition. Reading is not supported: consumers use the codec.
 */
public class IntegrationEventKafkaConverter implements KafkaMessageConverter<String, byte[]> {

    /** The Kafka header carrying the originating request's correlation id. */
    public static final String CORRELATION_HEADER = "correlationId";

    private final IntegrationEventMapper mapper;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    public IntegrationEventKafkaConverter(IntegrationEventMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> message, String topic) {
        IntegrationPayload payload = mapper.toIntegrationPayload(message.getPayload())
                .orElseThrow(() -> new IllegalStateException("Not an integration event: " + message.getPayloadType()));
        IntegrationEvent event = codec.wrap(
                message.getIdentifier(),
                (String) message.getMetaData().get(RecordingMetadata.YOUTH_JUSTICE_SERVICE),
                message.getTimestamp(),
                (String) message.getMetaData().getOrDefault(RecordingMetadata.RECORDED_BY, RecordingMetadata.SYSTEM),
                payload);
        RecordHeaders headers = new RecordHeaders();
        headers.add("eventId", bytes(event.eventId()));
        headers.add("eventType", bytes(event.eventType()));
        headers.add("schemaVersion", bytes(Integer.toString(event.schemaVersion())));
        // Lets a consumer log and stamp its own work with the request that started it all.
        Object correlationId = message.getMetaData().get(RecordingMetadata.REQUEST_CORRELATION_ID);
        if (correlationId != null) {
            headers.add(CORRELATION_HEADER, bytes(correlationId.toString()));
        }
        return new ProducerRecord<>(topic, null, event.childId(), codec.write(event), headers);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
        throw new UnsupportedOperationException("Integration events are read with IntegrationEventCodec");
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
