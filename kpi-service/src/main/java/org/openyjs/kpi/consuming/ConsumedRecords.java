package org.openyjs.kpi.consuming;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openyjs.events.IntegrationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bookkeeping tables of consumption: which upserts' events were applied and which records were skipped. An event is
 * claimed once: processed_event's exclusion constraint (V21, a hash index) arbitrates ON CONFLICT, hence no conflict
 * target. Events whose facts are rows of their own need no claim: the row's key is the event id
 * ({@link org.openyjs.kpi.readmodel.ProjectionBatch}).
 */
@Component
public class ConsumedRecords {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ConsumedRecords(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Claims the event for this transaction; false when it was applied before (a redelivery). */
    public boolean markProcessed(IntegrationEvent event, ConsumerRecord<?, ?> record) {
        return claim(List.of(new Claim(event, record))).contains(event.eventId());
    }

    /**
     * Claims a poll's events with one statement; returns the ids claimed now, i.e. not applied before. The ids
     * must be distinct (a duplicate within the poll is the caller's to drop).
     */
    public Set<String> claim(List<Claim> claims) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        int n = claims.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        int[] partitions = new int[n];
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) {
            Claim claim = claims.get(i);
            ids[i] = claim.event().eventId();
            types[i] = claim.event().eventType();
            topics[i] = claim.record().topic();
            partitions[i] = claim.record().partition();
            offsets[i] = claim.record().offset();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO processed_event (event_id, event_type, topic, kafka_partition, kafka_offset)
                        SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::integer[], ?::bigint[])
                        ON CONFLICT DO NOTHING
                        RETURNING event_id
                        """)
                .params(ids, types, topics, partitions, offsets)
                .query(String.class).list());
    }

    /** An event and the record it came in. */
    public record Claim(IntegrationEvent event, ConsumerRecord<?, ?> record) {
    }

    /** Notes a poll's unusable records with one batch. */
    public void rejectAll(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                        INSERT INTO rejected_message (topic, kafka_partition, kafka_offset, kind, event_id, reason)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING
                        """,
                rejections.stream().map(r -> new Object[]{r.record().topic(), r.record().partition(),
                        r.record().offset(), r.rejected().kind().name(), r.rejected().eventId(), r.rejected().reason()})
                        .toList(),
                new int[]{Types.VARCHAR, Types.INTEGER, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR});
    }

    /** A record and why it is skipped. */
    public record Rejection(ConsumerRecord<?, ?> record, Decoded.Rejected rejected) {
    }
}
