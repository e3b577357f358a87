package org.openyjs.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** What tests do with integration topics: read one child's records, and put records on a topic. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /**
     * Reads the topic from its start until {@code expected} records keyed by {@code key} have arrived,
     * then keeps reading for {@code settle} so that an unexpected extra record would be seen too.
     * Returns what it found by the deadline, which may be fewer.
     */
    public static List<ConsumerRecord<String, byte[]>> recordsFor(String bootstrapServers, String topic, String key,
                                                                 int expected, Duration settle, Duration deadline) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            Instant giveUp = Instant.now().plus(deadline);
            Instant stop = null;
            while (Instant.now().isBefore(giveUp) && (stop == null || Instant.now().isBefore(stop))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
                if (stop == null && found.size() >= expected) {
                    stop = Instant.now().plus(settle);
                }
            }
        }
        return found;
    }

    /** Sends each value, keyed, and waits for the broker to acknowledge it. */
    public static void send(String bootstrapServers, String topic, String key, byte[]... values) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (byte[] value : values) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge a test record", e);
        }
    }
}
