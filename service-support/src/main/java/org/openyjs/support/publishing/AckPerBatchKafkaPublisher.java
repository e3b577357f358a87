package org.openyjs.support.publishing;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Sends a processor batch's records without waiting between them and awaits all their acknowledgements
 * once, when the batch's unit of work prepares to commit, before the processor's token moves on (the
 * extension's publisher waits for each record before sending the next: one broker round trip per event).
 * <p>
 * A batch that fails for any reason throws its producer away with {@code close(Duration.ZERO)}, which
 * fails the records still buffered in it, and the next batch gets a new producer. Otherwise those records
 * would reach Kafka later, on their own and out of order beside the retried batch (ADR 0011). Records
 * already on the wire may still land; the idempotent producer appends them only in order, so a consumer
 * sees them as a prefix of the batch that the retry then delivers again, and drops the duplicates.
 */
final class AckPerBatchKafkaPublisher extends KafkaPublisher<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(AckPerBatchKafkaPublisher.class);
    private static final String BATCH = AckPerBatchKafkaPublisher.class.getName() + ".batch";

    private final Supplier<Producer<String, byte[]>> newProducer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final TopicResolver topics;
    private final Duration ackTimeout;
    private final Duration closeTimeout;
    private Producer<String, byte[]> producer;

    AckPerBatchKafkaPublisher(ProducerFactory<String, byte[]> extensionFactory,
                              Supplier<Producer<String, byte[]>> newProducer,
                              KafkaMessageConverter<String, byte[]> converter, TopicResolver topics,
                              Duration ackTimeout, Duration closeTimeout) {
        super(KafkaPublisher.<String, byte[]>builder().producerFactory(extensionFactory).messageConverter(converter)
                .topicResolver(topics));
        this.newProducer = newProducer;
        this.converter = converter;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, topic.get());
        if (!CurrentUnitOfWork.isStarted()) {
            Batch alone = new Batch(currentProducer());
            alone.send(record);
            alone.awaitAcknowledgements();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch(currentProducer());
            unitOfWork.onPrepareCommit(u -> batch.awaitAcknowledgements());
            unitOfWork.onRollback(u -> batch.discard());
            return batch;
        }).send(record);
    }

    private synchronized Producer<String, byte[]> currentProducer() {
        if (producer == null) {
            producer = newProducer.get();
        }
        return producer;
    }

    /** Fails whatever the producer still holds, so none of it is delivered after the batch has failed. */
    private void discard(Producer<String, byte[]> failed) {
        synchronized (this) {
            if (producer == failed) {
                producer = null;
            }
        }
        try {
            failed.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.debug("Closing a failed batch's producer", e);
        }
    }

    @Override
    public void shutDown() {
        Producer<String, byte[]> last;
        synchronized (this) {
            last = producer;
            producer = null;
        }
        if (last != null) {
            // A batch still running at shutdown fails and is published again after the restart.
            last.close(closeTimeout);
        }
        super.shutDown();
    }

    /** One processor batch: its records' acknowledgements, and the first failure any of them reported. */
    private final class Batch {

        private final Producer<String, byte[]> producer;
        private final List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private boolean discarded;

        Batch(Producer<String, byte[]> producer) {
            this.producer = producer;
        }

        void send(ProducerRecord<String, byte[]> record) {
            // Stop at the first failure rather than send the rest (while Kafka is down each send could
            // wait out max.block.ms): the batch fails and is retried whole.
            failIfFailed();
            acknowledgements.add(producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            }));
            failIfFailed();
        }

        void awaitAcknowledgements() {
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            try {
                for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                    acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed(e);
            } catch (ExecutionException e) {
                throw failed(e.getCause());
            } catch (TimeoutException e) {
                throw failed(e);
            }
        }

        private void failIfFailed() {
            Exception first = failure.get();
            if (first != null) {
                throw failed(first);
            }
        }

        void discard() {
            if (!discarded) {
                discarded = true;
                AckPerBatchKafkaPublisher.this.discard(producer);
            }
        }

        private EventPublicationFailedException failed(Throwable cause) {
            discard();
            return new EventPublicationFailedException("Kafka did not acknowledge every record of a batch of "
                    + acknowledgements.size() + " integration events; the batch will be published again", cause);
        }
    }
}
