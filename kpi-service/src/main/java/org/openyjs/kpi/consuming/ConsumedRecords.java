package org.openyjs.kpi.consuming;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openyjs.events.IntegrationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The bookkeeping tables of consumption: which events were applied and which records were skipped. */
@Component
public class ConsumedRecords {

    private final JdbcClient jdbc;

    public ConsumedRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the event for this transaction; false when it was applied before (a redelivery). */
    public boolean markProcessed(IntegrationEvent event, ConsumerRecord<?, ?> record) {
        return jdbc.sql("""
                        INSERT INTO processed_event (event_id, event_type, topic, kafka_partition, kafka_offset)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                .params(event.eventId(), event.eventType(), record.topic(), record.partition(), record.offset())
                .update() == 1;
    }

    public void reject(ConsumerRecord<?, ?> record, Decoded.Rejected rejected) {
        jdbc.sql("""
                        INSERT INTO rejected_message (topic, kafka_partition, kafka_offset, kind, event_id, reason)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING
                        """)
                .params(record.topic(), record.partition(), record.offset(), rejected.kind().name(),
                        rejected.eventId(), rejected.reason())
                .update();
    }
}
