package org.openyjs.support.publishing;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka extension's publisher, in wait-for-acknowledgement mode, waits for each record's
 * acknowledgement before sending the next: one broker round trip per event, whatever the processor's
 * batch size (under 1,000 events/s here, far behind the import). This one sends a batch's records one
 * after the other and waits for all their acknowledgements when the batch's unit of work prepares to
 * commit, before the processor's token moves on. The guarantee is the same: a record not acknowledged
 * fails the batch, which the processor retries from the event store (consumers drop the duplicates).
 */
final class AckAtCommitKafkaPublisher extends KafkaPublisher<String, byte[]> {

    private static final String PENDING = AckAtCommitKafkaPublisher.class.getName() + ".pending";

    private final ProducerFactory<String, byte[]> producers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final TopicResolver topics;
    private final Duration ackTimeout;

    AckAtCommitKafkaPublisher(ProducerFactory<String, byte[]> producers, KafkaMessageConverter<String, byte[]> converter,
                              TopicResolver topics, Duration ackTimeout) {
        super(KafkaPublisher.<String, byte[]>builder().producerFactory(producers).messageConverter(converter)
                .topicResolver(topics));
        this.producers = producers;
        this.converter = converter;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        Future<RecordMetadata> ack = producers.createProducer().send(converter.createKafkaMessage(event, topic.get()));
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<Future<RecordMetadata>>>getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        }).add(ack);
    }

    private void awaitAll(List<Future<RecordMetadata>> pending) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> ack : pending) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublicationFailedException("Interrupted while waiting for Kafka's acknowledgements", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new EventPublicationFailedException("Kafka did not acknowledge a batch of " + pending.size()
                        + " integration events; the batch will be published again", e);
            }
        }
    }
}
