package org.openyjs.kpi.consuming;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * Published after a batch is committed to the database: for each partition in the batch, the offset
 * of the next record to read. Everything before it is in the read model.
 */
public record PositionsAdvanced(Map<TopicPartition, Long> nextOffsets) {
}
