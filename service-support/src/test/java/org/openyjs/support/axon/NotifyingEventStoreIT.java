package org.openyjs.support.axon;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openyjs.testsupport.TestInfrastructure;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write side's event store on a real PostgreSQL: a processor's stream hears of a commit at once
 * (pooled processors are called back, waiting readers woken), another replica's commits are found by the
 * idle poll, and a processor that lags keeps no events in memory on behalf of the others.
 */
class NotifyingEventStoreIT {

    /** Long enough that a test passing within it was woken by a commit, not by the poll. */
    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final Duration NOTIFY_DELAY = Duration.ofMillis(50);

    private static HikariDataSource dataSource;
    private final List<NotifyingEventStore> stores = new ArrayList<>();

    public record Appended(String id, int n) {
    }

    @BeforeAll
    static void database() throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(pg.newDatabase("notifying_event_store"));
        dataSource.setUsername(pg.username());
        dataSource.setPassword(pg.password());
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(Files.readString(Path.of("src/main/resources/db/common/V1__axon_event_store.sql")));
        }
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @AfterEach
    void shutDownStores() {
        stores.forEach(NotifyingEventStore::shutDown);
    }

    @Test
    void a_pooled_processors_stream_is_called_back_when_this_process_commits() throws Exception {
        NotifyingEventStore store = store(NO_POLL);
        TrackingEventStream stream = store.openStream(store.createHeadToken());
        CountDownLatch called = new CountDownLatch(1);
        assertThat(stream.setOnAvailableCallback(called::countDown)).as("callbacks supported").isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();

        EventMessage<?> appended = append(store, 1).get(0);

        assertThat(called.await(10, TimeUnit.SECONDS)).as("called back after the commit").isTrue();
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(appended.getIdentifier());
        stream.close();
    }

    @Test
    void the_commits_of_one_notify_delay_are_told_once() throws Exception {
        NotifyingEventStore store = store(Duration.ofSeconds(2), NO_POLL);
        TrackingEventStream stream = store.openStream(store.createHeadToken());
        AtomicInteger calls = new AtomicInteger();
        stream.setOnAvailableCallback(calls::incrementAndGet);

        long started = System.nanoTime();
        for (int commit = 0; commit < 10; commit++) {
            append(store, 1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("ten commits well within the delay")
                .isLessThan(Duration.ofMillis(1_500));
        assertThat(calls.get()).as("not told before the delay").isZero();

        Thread.sleep(3_000);
        assertThat(calls.get()).as("told once for the ten commits").isEqualTo(1);
        int read = 0;
        while (stream.hasNextAvailable()) {
            stream.nextAvailable();
            read++;
        }
        assertThat(read).isEqualTo(10);
        stream.close();
    }

    @Test
    void a_reader_waiting_for_events_wakes_when_this_process_commits() throws Exception {
        NotifyingEventStore store = store(NO_POLL);
        TrackingEventStream stream = store.openStream(store.createHeadToken());
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).as("nothing to read yet").isNotDone();

        append(store, 1);

        // Woken by the commit: without it the wait would last its two minutes.
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isTrue();
        stream.close();
    }

    @Test
    void events_another_replica_commits_are_found_by_the_idle_poll() throws Exception {
        NotifyingEventStore writer = store(NO_POLL);
        NotifyingEventStore reader = store(Duration.ofMillis(200));
        TrackingEventStream stream = reader.openStream(reader.createHeadToken());
        CountDownLatch called = new CountDownLatch(1);
        stream.setOnAvailableCallback(called::countDown);

        EventMessage<?> appended = append(writer, 1).get(0);

        assertThat(called.await(10, TimeUnit.SECONDS)).as("called back by the poll").isTrue();
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(appended.getIdentifier());
        stream.close();
    }

    @Test
    void a_closed_stream_is_no_longer_signalled() {
        NotifyingEventStore store = store(NO_POLL);
        TrackingEventStream stream = store.openStream(store.createHeadToken());
        assertThat(store.openStreams()).isEqualTo(1);
        stream.close();
        assertThat(store.openStreams()).isZero();
    }

    /**
     * Axon's default shares one cache of events between the processors' streams, and a processor
     * behind the others keeps every event after its position reachable: an import of 100,000 events ran
     * case-service out of heap that way. Here a stream that reads nothing keeps nothing.
     */
    @Test
    void a_lagging_stream_keeps_no_events_that_another_stream_has_read() throws Exception {
        NotifyingEventStore store = store(NO_POLL);
        TrackingEventStream lagging = store.openStream(store.createHeadToken());
        TrackingEventStream reading = store.openStream(store.createHeadToken());
        // Both caught up and reading, as processors are before a burst of events.
        assertThat(lagging.hasNextAvailable()).isFalse();
        assertThat(reading.hasNextAvailable()).isFalse();
        append(store, 1);
        for (TrackingEventStream stream : List.of(lagging, reading)) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
        }

        // The reading stream keeps up with the appends; the lagging one reads nothing more.
        int events = 20_000;
        List<WeakReference<TrackedEventMessage<?>>> read = new ArrayList<>(events);
        while (read.size() < events) {
            append(store, 1_000);
            for (int n = 0; n < 1_000; n++) {
                assertThat(reading.hasNextAvailable(10, TimeUnit.SECONDS)).as("event %d", read.size()).isTrue();
                read.add(new WeakReference<>(reading.nextAvailable()));
            }
        }

        long kept = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            System.gc();
            Thread.sleep(100);
            kept = read.stream().filter(ref -> ref.get() != null).count();
            if (kept == 0) {
                break;
            }
        }
        // The reading stream may still hold its current fetch (Axon's batch of 100 rows).
        assertThat(kept).as("events still held after %d were read", events).isLessThanOrEqualTo(100);
        lagging.close();
        reading.close();
    }

    private NotifyingEventStore store(Duration idlePoll) {
        return store(NOTIFY_DELAY, idlePoll);
    }

    private NotifyingEventStore store(Duration notifyDelay, Duration idlePoll) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .build();
        NotifyingEventStore store = new NotifyingEventStore(EmbeddedEventStore.builder().storageEngine(engine), notifyDelay, idlePoll);
        stores.add(store);
        return store;
    }

    private static List<EventMessage<?>> append(NotifyingEventStore store, int count) {
        List<EventMessage<?>> events = IntStream.range(0, count)
                .<EventMessage<?>>mapToObj(n -> GenericEventMessage.asEventMessage(new Appended("child", n)))
                .toList();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(events);
        unitOfWork.commit();
        return events;
    }
}
