package org.openyjs.kpi.rebuild;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Moves this service's consumer group back to the first offset of every partition of its topics. */
@Component
public class ConsumerGroupRewind {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** A stopped consumer leaves its group at once; longer means another replica is still consuming. */
    private static final Duration EMPTY_GROUP_WAIT = Duration.ofSeconds(30);

    private final KafkaAdmin kafkaAdmin;
    private final String groupId;

    public ConsumerGroupRewind(KafkaAdmin kafkaAdmin, @Value("${spring.kafka.consumer.group-id}") String groupId) {
        this.kafkaAdmin = kafkaAdmin;
        this.groupId = groupId;
    }

    /** The offsets a replay runs between: from the first record up to the end captured when it started. */
    public record ReplayRange(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {

        public long records() {
            return end.entrySet().stream().mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
        }
    }

    /** Rewinds the group; its consumers must have been stopped (Kafka refuses while the group has members). */
    public ReplayRange rewindToEarliest(Collection<String> topics) {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Set<TopicPartition> partitions = partitions(admin, topics);
            Map<TopicPartition, Long> start = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.latest());
            awaitEmptyGroup(admin);
            await(admin.alterConsumerGroupOffsets(groupId, start.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))))
                    .all());
            return new ReplayRange(start, end);
        }
    }

    private static Set<TopicPartition> partitions(Admin admin, Collection<String> topics) {
        Set<TopicPartition> partitions = new HashSet<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, description) -> {
            try {
                TopicDescription found = await(description);
                found.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            } catch (IllegalStateException e) {
                // A topic nobody has published to yet has nothing to replay.
                if (!(e.getCause() instanceof ExecutionException cause
                        && cause.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        });
        return partitions;
    }

    /** Offsets as a read_committed consumer sees them: the end is the last stable offset. */
    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return await(admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)),
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private void awaitEmptyGroup(Admin admin) {
        Instant deadline = Instant.now().plus(EMPTY_GROUP_WAIT);
        while (true) {
            ConsumerGroupDescription group = await(admin.describeConsumerGroups(List.of(groupId))
                    .describedGroups().get(groupId));
            if (group.members().isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Consumer group " + groupId + " still has " + group.members().size()
                        + " member(s): stop every other kpi-service replica before a rebuild");
            }
            sleep();
        }
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while talking to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the consumer group to empty", e);
        }
    }
}
