package org.openyjs.kpi.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.readmodel.ProjectionBatch;
import org.openyjs.kpi.readmodel.ReadModelProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies the integration topics to the read model, idempotently.
 *
 * <p>A poll's records are applied in one database transaction, in a few statements per poll rather than per record
 * ({@link ProjectionBatch}); the container commits the offsets only after this method returns, i.e. after the database
 * commit. If the service dies between the two commits the batch is delivered again and changes nothing: an event whose
 * facts are rows of their own finds its row there (keyed by the event id), an upsert's event finds its processed_event
 * row. A database failure rolls the whole batch back and the error handler retries it until the database is back.
 *
 * <p>One consumer thread per partition ({@code spring.kafka.listener.concurrency}): both topics are keyed by child,
 * so each child's events arrive in order on one thread, and two threads' polls never touch the same child.
 */
@Component
public class IntegrationEventListener {

    /** The listener container's id, for whoever needs to stop and restart it (a rebuild). */
    public static final String ID = "kpi-projection";

    private static final Logger log = LoggerFactory.getLogger(IntegrationEventListener.class);

    private enum Result { APPLIED, DUPLICATE, MALFORMED, UNKNOWN_CONTRACT }

    /** What a poll's transaction did: the records by result, and when each applied event was recorded. */
    private record Applied(Map<Result, Long> results, List<Instant> recordedAt) {
    }

    /**
     * Buckets for the staleness histogram: fine below a second (the freshness target), coarse above it (a
     * catch-up or a rebuild, where the age of the events says how far behind the figures are).
     */
    private static final Duration[] STALENESS_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150), Duration.ofMillis(200),
            Duration.ofMillis(300), Duration.ofMillis(400), Duration.ofMillis(500), Duration.ofMillis(750),
            Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)};

    private final IntegrationEventDecoder decoder;
    private final ConsumedRecords consumed;
    private final ReadModelProjection projection;
    private final PrecomputedOutcomes precomputed;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Timer staleness;
    private final Timer pollApply;
    private final Clock clock;

    public IntegrationEventListener(IntegrationEventDecoder decoder, ConsumedRecords consumed,
                                    ReadModelProjection projection, PrecomputedOutcomes precomputed,
                                    TransactionTemplate transactions,
                                    ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
        this.decoder = decoder;
        this.consumed = consumed;
        this.projection = projection;
        this.precomputed = precomputed;
        this.transactions = transactions;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        // How old a fact is when the figures first see it: the read side's part of end-to-end freshness.
        this.staleness = Timer.builder("kpi.read-model.staleness")
                .description("From an event's recording in its service to its facts committed in kpi-service")
                .serviceLevelObjectives(STALENESS_BUCKETS)
                .register(meters);
        this.pollApply = Timer.builder("kpi.consumer.poll")
                .description("Applying one poll's records, decoding to commit")
                .serviceLevelObjectives(STALENESS_BUCKETS)
                .register(meters);
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = {Topics.CASE_EVENTS, Topics.PANEL_EVENTS}, batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        applyPoll(records);
        events.publishEvent(new PositionsAdvanced(records.stream()
                .map(r -> new TopicPartition(r.topic(), r.partition()))
                .distinct()
                .collect(Collectors.toMap(Function.identity(), consumer::position))));
    }

    /** One poll's records in one transaction, counted once committed. Package-private for tests of a whole poll. */
    void applyPoll(List<ConsumerRecord<String, byte[]>> records) {
        Applied applied;
        long started = System.nanoTime();
        try {
            try {
                applied = inTransaction(records, false);
            } catch (DuplicateKeyException e) {
                // An event of the poll has its fact row already (a redelivery): the poll again, skipping stored rows.
                log.debug("A poll of {} records holds an event applied before; applying it skipping those", records.size());
                applied = inTransaction(records, true);
            }
        } catch (RuntimeException e) {
            // The error handler logs its retries at debug only; an outage must be visible.
            log.warn("Could not apply a batch of {} records, nothing of it was written; retrying: {}", records.size(),
                    e.getMessage());
            throw e;
        }
        Instant committed = clock.instant();
        pollApply.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        // A clock behind the recording service's would give a negative age: counted as fresh.
        applied.recordedAt().forEach(at -> staleness.record(at.isAfter(committed) ? Duration.ZERO
                : Duration.between(at, committed)));
        // Counted only once committed, so a retried batch is not counted twice.
        applied.results().forEach((result, count) -> meters
                .counter("kpi.consumer.records", "result", result.name().toLowerCase(Locale.ROOT))
                .increment(count));
    }

    private Applied inTransaction(List<ConsumerRecord<String, byte[]>> records, boolean skipStored) {
        return precomputed.duringPoll(() -> transactions.execute(tx -> applyAll(records, skipStored)));
    }

    /**
     * The poll in a handful of statements: all records decoded first (the first of the same id in the poll kept; any
     * later one is a duplicate), the upserts' events claimed with one statement, the facts of the claimed ones and of
     * every other event buffered in arrival order and written by table, the unusable records noted. A fact row stored
     * before fails the poll unless skipStored, with which such rows are skipped. Applied are the events claimed now and
     * those whose rows were written now; an event the read model has no facts for is applied by doing nothing.
     */
    private Applied applyAll(List<ConsumerRecord<String, byte[]>> records, boolean skipStored) {
        Map<Result, Long> results = new EnumMap<>(Result.class);
        List<ConsumedRecords.Rejection> rejections = new ArrayList<>();
        List<ConsumedRecords.Claim> accepted = new ArrayList<>();
        List<IntegrationPayload> payloads = new ArrayList<>();
        List<ConsumedRecords.Claim> upserts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Decoded decoded = decoder.decode(record.value());
            if (decoded instanceof Decoded.Rejected rejected) {
                log.warn("Skipping {} record {}-{}@{} (event {}): {}", rejected.kind(), record.topic(),
                        record.partition(), record.offset(), rejected.eventId(), rejected.reason());
                rejections.add(new ConsumedRecords.Rejection(record, rejected));
                results.merge(Result.valueOf(rejected.kind().name()), 1L, Long::sum);
            } else {
                Decoded.Accepted usable = (Decoded.Accepted) decoded;
                if (seen.add(usable.event().eventId())) {
                    ConsumedRecords.Claim claim = new ConsumedRecords.Claim(usable.event(), record);
                    accepted.add(claim);
                    payloads.add(usable.payload());
                    if (ProjectionBatch.claimedFirst(usable.payload())) {
                        upserts.add(claim);
                    }
                } else {
                    results.merge(Result.DUPLICATE, 1L, Long::sum);
                }
            }
        }
        consumed.rejectAll(rejections);
        // Applied: the upserts claimed now, the events without facts (nothing to do), the events whose rows are written.
        Set<String> applied = new HashSet<>(consumed.claim(upserts));
        ProjectionBatch batch = projection.batch();
        for (int i = 0; i < accepted.size(); i++) {
            IntegrationEvent event = accepted.get(i).event();
            IntegrationPayload payload = payloads.get(i);
            if (!ProjectionBatch.claimedFirst(payload)) {
                if (!batch.add(event, payload)) {
                    applied.add(event.eventId());
                }
            } else if (applied.contains(event.eventId())) { // claimed now
                batch.add(event, payload);
            }
        }
        applied.addAll(skipStored ? batch.flushSkippingStored() : batch.flush());
        List<Instant> recordedAt = new ArrayList<>(applied.size());
        for (ConsumedRecords.Claim claim : accepted) {
            if (applied.contains(claim.event().eventId()) && claim.event().recordedAt() != null) {
                recordedAt.add(claim.event().recordedAt());
            }
        }
        results.merge(Result.APPLIED, (long) applied.size(), Long::sum);
        results.merge(Result.DUPLICATE, (long) (accepted.size() - applied.size()), Long::sum);
        results.values().removeIf(count -> count == 0);
        return new Applied(results, recordedAt);
    }
}
