package org.openyjs.panel.rebuild;

import jakarta.annotation.PreDestroy;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.openyjs.panel.agenda.PanelReadModelProjection;
import org.openyjs.panel.rebuild.RebuildStatus.State;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the chair's read models (the {@code panel-read-model} processor) from the first event: shut the
 * processor down, reset its tokens, start it, and follow it to the head of the event store as it was when
 * the rebuild started. Works with whichever streaming processor configuration chose (pooled by default,
 * tracking for the Axon-defaults baseline): both support a reset.
 *
 * <p>The reset also gives the processor the configured number of segments (see {@link #resegment}).
 *
 * <p>Only this processor replays. The sagas (and so the deadlines they keep in scheduled_tasks) and the
 * Kafka publisher have their own processors and tokens, which a rebuild does not touch.
 *
 * <p>A crash heals: {@code resetTokens} runs the projection's {@code @ResetHandler} (which empties exactly
 * its tables) and replaces the tokens in one transaction, so a crash leaves either the old read model with
 * its old token, or an emptied one whose replay token makes the processor carry on replaying after the
 * restart. Each replayed batch commits its rows with its token. A replay found running after a restart is
 * reported as RUNNING with {@code resumedAfterRestart} (from its first committed batch on: a pooled processor
 * reports a segment's progress only from then).
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final String PROCESSOR = PanelReadModelProjection.PROCESSING_GROUP;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    private static final long FOLLOW_EVERY_MILLIS = 200;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int configuredSegments;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "panel-read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by this.
    private State state = State.IDLE;
    private Instant startedAt;
    private Instant finishedAt;
    private String failure;
    /** The event store's head position when the rebuild started; -1 for an empty store, null until known. */
    private Long target;
    /** The first event's position, for estimating progress from the processor's position. */
    private long first;
    private long toReplay;
    private long replayed;
    private int segments;
    private Instant lastLogged;
    private ScheduledFuture<?> following;

    public ReadModelRebuild(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokenStore,
                            TransactionManager transactions, JdbcTemplate jdbc, Clock clock,
                            @Value("${axon.eventhandling.processors." + PanelReadModelProjection.PROCESSING_GROUP
                                    + ".initial-segment-count:1}") int configuredSegments) {
        this.configuredSegments = configuredSegments;
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public synchronized RebuildStatus start() {
        if (state == State.RUNNING) {
            throw DomainRefusal.conflict(null, "A rebuild of the panel read models is already running (started "
                    + startedAt + ")");
        }
        if (resumedReplay().isPresent()) {
            throw DomainRefusal.conflict(null, "The panel read models are still replaying a rebuild started before "
                    + "the last restart");
        }
        state = State.RUNNING;
        startedAt = clock.instant();
        finishedAt = null;
        failure = null;
        target = null;
        toReplay = 0;
        replayed = 0;
        segments = 0;
        lastLogged = null;
        worker.execute(this::reset);
        return status();
    }

    public synchronized RebuildStatus status() {
        StreamingEventProcessor processor = processor();
        String kind = processor.getClass().getSimpleName();
        if (state != State.RUNNING) {
            Optional<EventTrackerStatus> resumed = resumedReplay();
            if (resumed.isPresent()) {
                EventTrackerStatus s = resumed.get();
                return new RebuildStatus(State.RUNNING, null, null, eventsUpTo(s.getCurrentPosition().orElse(-1)),
                        eventsUpTo(s.getResetPosition().orElse(-1)), null, kind, true, null);
            }
        }
        if (state == State.RUNNING && target != null) {
            replayed = estimateReplayed(reached(processor.processingStatus()));
        }
        Double rate = null;
        if (startedAt != null && (state == State.RUNNING || state == State.COMPLETED)) {
            double seconds = Duration.between(startedAt, finishedAt != null ? finishedAt : clock.instant()).toNanos() / 1e9;
            rate = seconds > 0 ? replayed / seconds : null;
        }
        return new RebuildStatus(state, startedAt, finishedAt, replayed, toReplay, rate, kind, false, failure);
    }

    /** True while the read models are being rebuilt, here or by a replay resumed after a restart: answers may be partial. */
    public synchronized boolean isRebuilding() {
        return state == State.RUNNING || resumedReplay().isPresent();
    }

    // Runs on the worker thread, never holding the lock while the processor stops or starts.
    private void reset() {
        StreamingEventProcessor processor = processor();
        try {
            log.info("Rebuild of {}: stopping the processor ({})", PROCESSOR, processor.getClass().getSimpleName());
            processor.shutDown();
            TrackingToken head = eventStore.createHeadToken();
            long headPosition = head == null ? -1 : head.position().orElse(-1);
            long total = eventsUpTo(headPosition);
            Long firstPosition = jdbc.queryForObject("SELECT min(globalindex) FROM domainevententry", Long.class);
            // The reset handler's TRUNCATE and the new replay tokens commit together (see the class comment),
            // with the segments as configured.
            transactions.executeInTransaction(() -> {
                resegment(head);
                processor.resetTokens();
            });
            int segmentCount = transactions.fetchInTransaction(() -> tokenStore.fetchSegments(PROCESSOR)).length;
            synchronized (this) {
                target = headPosition;
                first = firstPosition == null ? 0 : firstPosition;
                toReplay = total;
                segments = segmentCount;
                lastLogged = clock.instant(); // first progress line 5 s into the replay
            }
            log.info("Rebuild of {}: read model emptied and tokens reset; replaying {} events up to position {}",
                    PROCESSOR, total, headPosition);
            processor.start();
            synchronized (this) {
                following = worker.scheduleWithFixedDelay(this::follow, 0, FOLLOW_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            log.error("Rebuild of {} failed", PROCESSOR, e);
            synchronized (this) {
                state = State.FAILED;
                failure = e.getMessage();
                finishedAt = clock.instant();
            }
            if (!processor.isRunning()) {
                processor.start();
            }
        }
    }

    private void follow() {
        try {
            Map<Integer, EventTrackerStatus> status = processor().processingStatus();
            synchronized (this) {
                if (state != State.RUNNING) {
                    following.cancel(false);
                    return;
                }
                long position = reached(status);
                // Every segment must be claimed and past the head: a segment not yet claimed has no status.
                boolean caughtUp = target < 0 || (status.size() >= segments && position >= target);
                Instant now = clock.instant();
                if (caughtUp) {
                    state = State.COMPLETED;
                    finishedAt = now;
                    replayed = toReplay;
                    following.cancel(false);
                    log.info("Rebuild of {} completed: {} events replayed in {}", PROCESSOR, toReplay,
                            Duration.between(startedAt, finishedAt));
                    return;
                }
                if (lastLogged == null || !now.isBefore(lastLogged.plus(LOG_EVERY))) {
                    lastLogged = now;
                    replayed = estimateReplayed(position);
                    double seconds = Duration.between(startedAt, now).toNanos() / 1e9;
                    log.info("Rebuild of {}: replayed {} of {} events ({} events/s)", PROCESSOR, replayed, toReplay,
                            Math.round(replayed / Math.max(seconds, 0.001)));
                }
            }
        } catch (RuntimeException e) {
            // Keep following: the processor retries on its own, and the next look may succeed.
            log.warn("Rebuild of {}: could not read progress: {}", PROCESSOR, e.getMessage());
        }
    }

    /**
     * Gives the processor the configured number of segments ({@code initial-segment-count}), which Axon applies
     * only to a processor that has no tokens yet: an existing deployment gets them at its next rebuild, the one
     * moment its tokens are replaced anyway. Joins the reset's transaction, so a crash leaves the old tokens.
     */
    private void resegment(TrackingToken head) {
        int[] current = tokenStore.fetchSegments(PROCESSOR);
        if (configuredSegments < 1 || current.length == configuredSegments) {
            return;
        }
        log.info("Rebuild of {}: {} segments instead of {}", PROCESSOR, configuredSegments, current.length);
        for (int segment : current) {
            tokenStore.fetchToken(PROCESSOR, segment); // claims it: only the owner may delete a token
            tokenStore.deleteToken(PROCESSOR, segment);
        }
        // At the head, like the tokens they replace: resetTokens makes them replay tokens from the first event.
        tokenStore.initializeTokenSegments(PROCESSOR, configuredSegments, head);
    }

    /** The lowest position any segment has reached; -1 before any has handled an event. */
    private static long reached(Map<Integer, EventTrackerStatus> status) {
        Collection<EventTrackerStatus> segments = status.values();
        return segments.isEmpty() ? -1
                : segments.stream().mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    /** A replay this instance did not start (one that outlived a restart) and that has not yet caught up. */
    private Optional<EventTrackerStatus> resumedReplay() {
        return processor().processingStatus().values().stream()
                .filter(s -> s.isReplaying() && s.getResetPosition().isPresent()
                        && s.getCurrentPosition().orElse(-1) < s.getResetPosition().getAsLong())
                .findFirst();
    }

    /**
     * Events replayed so far, from the processor's position between the first event and the head: counting
     * them would scan the event store on every look, slowing the replay it measures. Off by the gaps in the
     * global index (a few, from appends that rolled back); exact once completed.
     */
    private long estimateReplayed(long position) {
        if (position < first || target < first) {
            return 0;
        }
        double share = (double) (Math.min(position, target) - first + 1) / (target - first + 1);
        return Math.min(toReplay, Math.round(share * toReplay));
    }

    private long eventsUpTo(long position) {
        if (position < 0) {
            return 0;
        }
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex <= ?", Long.class,
                position);
        return count == null ? 0 : count;
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming event processor " + PROCESSOR));
    }

    @PreDestroy
    void shutdown() {
        worker.shutdownNow();
    }
}
