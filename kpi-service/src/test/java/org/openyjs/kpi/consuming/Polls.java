package org.openyjs.kpi.consuming;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OutcomeRecorded;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Case events handed to the listener as the Kafka consumer hands them over: records of one partition with rising
 * offsets, a poll at a time, without a broker. Keeps every record it applied, for the tests that replay them.
 * The event factories are the ones the poll-level tests share (public for the rebuild test, which sends the same
 * events through a broker).
 */
public final class Polls {

    /** When an event was recorded unless a test says otherwise. */
    public static final Instant RECORDED = Instant.parse("2023-08-01T12:00:00Z");

    // Stateless: one for every test.
    private static final IntegrationEventCodec CODEC = new IntegrationEventCodec();

    private final IntegrationEventListener listener;
    private final AtomicLong offsets = new AtomicLong();
    /** Every record applied by {@link #poll}, in order: what a replay reads again. */
    private final List<ConsumerRecord<String, byte[]>> applied = new ArrayList<>();

    Polls(IntegrationEventListener listener) {
        this.listener = listener;
    }

    /** Applies the events as one poll, in this order. */
    void poll(IntegrationEvent... events) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (IntegrationEvent e : events) {
            records.add(record(e));
        }
        applied.addAll(records);
        listener.applyPoll(records);
    }

    /** Applies every record polled so far again, as one poll (as a rebuild reads them). */
    void replay() {
        listener.applyPoll(List.copyOf(applied));
    }

    /** The event's record at the next offset, keyed by child as the write side keys it; not applied. */
    ConsumerRecord<String, byte[]> record(IntegrationEvent event) {
        return record(event.childId(), CODEC.write(event));
    }

    /** A record of any bytes at the next offset (a malformed one, say); not applied. */
    ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(Topics.CASE_EVENTS, 0, offsets.incrementAndGet(), key, value);
    }

    public static IntegrationEvent event(String service, IntegrationPayload payload) {
        return event(service, payload, RECORDED);
    }

    public static IntegrationEvent event(String service, IntegrationPayload payload, Instant recordedAt) {
        return CODEC.wrap(UUID.randomUUID().toString(), service, recordedAt, "test", payload);
    }

    /** A child born on 10 March 2008 (15 throughout 2023/24). */
    public static ChildRegistered child(String childId, String service) {
        return child(childId, service, "2008-03-10");
    }

    public static ChildRegistered child(String childId, String service, String born) {
        return new ChildRegistered(childId, service, day(born), "MALE", "WHITE_BRITISH", service, null);
    }

    public static OutcomeRecorded outcome(String child, String offence, String code, String day) {
        return new OutcomeRecorded(child, offence, code, day(day), null);
    }

    public static LocalDate day(String day) {
        return LocalDate.parse(day);
    }

    /** Noon UTC on the day. */
    public static Instant at(String day) {
        return LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }
}
