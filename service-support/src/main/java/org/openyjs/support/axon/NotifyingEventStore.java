package org.openyjs.support.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Axon's embedded event store with two changes to how event processors read it (ADR 0013).
 * <ul>
 * <li>Each processor reads the store on a stream of its own. Axon's shared cache of recent events
 * keeps every event behind a processor that lags, and a large import outran the Kafka publisher by
 * 100,000 events and ran case-service out of heap.</li>
 * <li>A processor's stream is told when this process commits events, {@code notify-delay} after the
 * first commit it has not been told of (so the commits of that interval reach Kafka as one batch,
 * not one each), and at least every {@code idle-poll} for events other replicas commit. A pooled
 * processor otherwise looks again only every 500 ms, and a tracking processor waits its whole
 * timeout.</li>
 * </ul>
 */
public class NotifyingEventStore extends EmbeddedEventStore {

    private final Set<CommitAwareStream> streams = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private volatile long commits;
    private final AtomicBoolean notificationDue = new AtomicBoolean();
    private final long notifyDelayMillis;
    private final ScheduledExecutorService signals;

    public NotifyingEventStore(Builder builder, Duration notifyDelay, Duration idlePoll) {
        super(builder.optimizeEventConsumption(false));
        this.notifyDelayMillis = notifyDelay.toMillis();
        this.signals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "event-store-signals");
            thread.setDaemon(true);
            return thread;
        });
        this.signals.scheduleWithFixedDelay(this::signal, idlePoll.toMillis(), idlePoll.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (notificationDue.compareAndSet(false, true)) {
            signals.schedule(() -> {
                notificationDue.set(false);
                signal();
            }, notifyDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        CommitAwareStream stream = new CommitAwareStream(super.openStream(trackingToken));
        streams.add(stream);
        return stream;
    }

    @Override
    public void shutDown() {
        signals.shutdownNow();
        super.shutDown();
    }

    /** How many streams are open: a closed stream must not stay registered for commit signals. */
    int openStreams() {
        return streams.size();
    }

    private void signal() {
        lock.lock();
        try {
            commits++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
        streams.forEach(CommitAwareStream::available);
    }

    /** Waits until a commit after the one counted {@code seen}, or the time is up. */
    private void awaitCommitAfter(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (commits == seen && nanos > 0) {
                nanos = committed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Axon's own stream, read without waiting; waiting is on this store's commit signal instead, which
     * Axon's stream cannot hear once the shared cache (and the thread that fills it) is off.
     */
    private final class CommitAwareStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable onAvailable;

        private CommitAwareStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        private void available() {
            Runnable callback = onAvailable;
            if (callback != null) {
                callback.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            onAvailable = callback;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                // Read the count before looking, so a commit between the look and the wait is not missed.
                long seen = commits;
                if (delegate.hasNextAvailable(0, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                awaitCommitAfter(seen, remaining);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            // Axon's private stream would wait on a signal that never comes; wait here, then take it.
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // keep waiting, as BlockingStream#nextAvailable promises
            }
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            streams.remove(this);
            delegate.close();
        }
    }
}
