package org.openyjs.kpi.rebuild;

import jakarta.annotation.PreDestroy;
import org.apache.kafka.common.TopicPartition;
import org.openyjs.events.Topics;
import org.openyjs.kpi.consuming.IntegrationEventListener;
import org.openyjs.kpi.consuming.PositionsAdvanced;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.rebuild.ConsumerGroupRewind.ReplayRange;
import org.openyjs.kpi.rebuild.RebuildStatus.State;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds the read model from the first event on the topics: stop the listener, rewind the consumer
 * group, empty the read model, restart the listener, and follow the replay until it reaches the end
 * offsets captured at the start.
 *
 * <p>The group is rewound before the read model is emptied, so a failure part-way leaves a state
 * that heals itself: rewound but not emptied is a replay of already-processed (deduplicated) events.
 * One replica at a time: Kafka refuses the rewind while another consumer is in the group.
 */
@Service
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final List<String> TOPICS = List.of(Topics.CASE_EVENTS, Topics.PANEL_EVENTS);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final Duration PAUSE_PATIENCE = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final KafkaListenerEndpointRegistry listeners;
    private final ConsumerGroupRewind rewind;
    private final ReadModelReset reset;
    private final PrecomputedOutcomes precomputed;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "kpi-rebuild"));

    // Guarded by this.
    private State state = State.IDLE;
    private Instant startedAt;
    private Instant finishedAt;
    private String failure;
    private ReplayRange range;
    private final Map<TopicPartition, Long> reached = new HashMap<>();
    // Set by the first consumer thread to see the replay caught up: it alone completes the rebuild.
    private boolean completing;
    private Instant lastLogged;

    public RebuildService(KafkaListenerEndpointRegistry listeners, ConsumerGroupRewind rewind, ReadModelReset reset,
                          PrecomputedOutcomes precomputed, Clock clock) {
        this.listeners = listeners;
        this.rewind = rewind;
        this.reset = reset;
        this.precomputed = precomputed;
        this.clock = clock;
    }

    public synchronized RebuildStatus start() {
        if (state == State.RUNNING) {
            throw DomainRefusal.conflict(null, "A rebuild is already running (started " + startedAt + ")");
        }
        state = State.RUNNING;
        startedAt = clock.instant();
        finishedAt = null;
        failure = null;
        range = null;
        completing = false;
        reached.clear();
        lastLogged = null;
        worker.execute(this::run);
        return status();
    }

    public synchronized RebuildStatus status() {
        long replayed = replayed();
        return new RebuildStatus(state, startedAt, finishedAt, replayed, range == null ? 0 : range.records(), failure,
                perSecond(replayed));
    }

    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Called on a consumer thread after each committed batch. Once the replay has reached its end the precomputed
     * tables are derived on the rebuild's worker, not here: a consumer thread that does not poll for longer than
     * max.poll.interval.ms is taken out of the group and its partitions reassigned (seen at a million events when a
     * derivation hung), and a derivation grows with the history. The consumers are paused meanwhile, so they keep
     * polling (and stay members) without taking records (see {@link #completeWithConsumersPaused()}).
     */
    @EventListener
    public void onPositionsAdvanced(PositionsAdvanced advanced) {
        synchronized (this) {
            if (state != State.RUNNING || range == null || completing) {
                return;
            }
            reached.putAll(advanced.nextOffsets());
            Instant now = clock.instant();
            if (lastLogged == null || !now.isBefore(lastLogged.plus(LOG_EVERY))) {
                lastLogged = now;
                log.info("Rebuild: replayed {} of {} records", replayed(), range.records());
            }
            if (!caughtUp()) {
                return;
            }
            completing = true;
        }
        worker.execute(this::completeWithConsumersPaused);
    }

    /**
     * The derivation with the listener paused: the consumer threads finish the poll in hand, then poll without taking
     * records until it is over, so none waits on the derivation's lock (PrecomputedOutcomes) past its poll interval.
     * A failure (the database away) is retried, backing off, until the derivation commits: the records replayed are
     * all stored, only the precomputed tables wait, and "now" reads the facts meanwhile (they stay deferred).
     */
    private void completeWithConsumersPaused() {
        MessageListenerContainer container = container();
        container.pause();
        try {
            awaitPaused(container);
            Duration backoff = FIRST_RETRY;
            while (true) {
                try {
                    complete();
                    return;
                } catch (RuntimeException e) {
                    log.warn("Rebuild: deriving the precomputed tables failed, retrying in {}: {}", backoff,
                            e.getMessage());
                }
                Thread.sleep(backoff.toMillis());
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(LAST_RETRY) < 0 ? doubled : LAST_RETRY;
            }
        } catch (InterruptedException e) {
            // Stopping: the tables stay deferred and are derived at the next start (PrecomputedOutcomes).
            Thread.currentThread().interrupt();
        } finally {
            container.resume();
        }
    }

    /**
     * Until every consumer has taken up the pause (each at the end of the poll in hand), within a bound: one stuck in
     * a long poll only delays it, since the derivation's lock keeps polls out of it anyway.
     */
    private static void awaitPaused(MessageListenerContainer container) throws InterruptedException {
        long deadline = System.nanoTime() + PAUSE_PATIENCE.toNanos();
        while (!container.isContainerPaused() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private MessageListenerContainer container() {
        return Objects.requireNonNull(listeners.getListenerContainer(IntegrationEventListener.ID),
                "listener container");
    }

    // Runs on the worker thread and never holds the lock while stopping or starting the container:
    // stopping waits for the in-flight batch, whose completion calls onPositionsAdvanced.
    private void run() {
        MessageListenerContainer container = container();
        try {
            log.info("Rebuild: stopping the listener");
            container.stop();
            ReplayRange replay = rewind.rewindToEarliest(TOPICS);
            reset.clear();
            // The replay touches every child: the precomputed tables are derived once when it ends, not per poll.
            precomputed.defer();
            log.info("Rebuild: read model cleared, consumer group rewound; replaying {} records from {} partitions",
                    replay.records(), replay.end().size());
            boolean nothingToReplay;
            synchronized (this) {
                range = replay;
                nothingToReplay = caughtUp();
                completing = nothingToReplay;
            }
            if (nothingToReplay) {
                complete();
            }
            container.start();
        } catch (RuntimeException e) {
            log.error("Rebuild failed", e);
            synchronized (this) {
                state = State.FAILED;
                failure = e.getMessage();
                finishedAt = clock.instant();
            }
            if (precomputed.deferred()) {
                // The facts stay as far as the replay got: so do the precomputed tables, and polls refresh again.
                try {
                    precomputed.refreshAll();
                } catch (RuntimeException again) {
                    log.error("Rebuild: precomputed outcomes not derived (derived at the next start)", again);
                }
            }
            if (!container.isRunning()) {
                container.start();
            }
        }
    }

    private boolean caughtUp() {
        return range.end().entrySet().stream()
                .allMatch(e -> reached.getOrDefault(e.getKey(), range.start().get(e.getKey())) >= e.getValue());
    }

    /** The replay reached the end offsets: the precomputed tables derived over every child, then COMPLETED. */
    private void complete() {
        if (precomputed.deferred()) {
            precomputed.refreshAll();
        }
        synchronized (this) {
            state = State.COMPLETED;
            finishedAt = clock.instant();
            log.info("Rebuild completed: {} records replayed in {} ({} records/s)", range.records(),
                    Duration.between(startedAt, finishedAt), perSecond(replayed()));
        }
    }

    /** Over the rebuild so far, or the whole of it once finished; 0 before it has run for a millisecond. */
    private long perSecond(long replayed) {
        if (startedAt == null) {
            return 0;
        }
        long millis = Duration.between(startedAt, finishedAt != null ? finishedAt : clock.instant()).toMillis();
        return millis <= 0 ? 0 : replayed * 1000 / millis;
    }

    private long replayed() {
        if (range == null) {
            return 0;
        }
        return range.end().entrySet().stream()
                .mapToLong(e -> {
                    long start = range.start().get(e.getKey());
                    return Math.min(reached.getOrDefault(e.getKey(), start), e.getValue()) - start;
                })
                .sum();
    }

    @PreDestroy
    void shutdown() {
        worker.shutdownNow();
    }
}
