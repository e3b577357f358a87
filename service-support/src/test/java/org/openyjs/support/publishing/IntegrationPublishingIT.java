package org.openyjs.support.publishing;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.springboot.TimeoutProperties;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.Topics;
import org.openyjs.support.axon.NotifyingEventStore;
import org.openyjs.support.axon.WindowedCapacityMetricRegistry;
import org.openyjs.support.publishing.PublishingTestApplication.Appended;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The integration publisher against a KRaft broker of the test's own, stopped in the middle of a stream
 * while the publisher has records in flight and buffered, and started again with its log; and cut off from
 * the publisher by the network while a batch's records wait in the producer.
 */
@SpringBootTest(classes = PublishingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.config.import=classpath:yjs-service-defaults.yml",
                "spring.application.name=publishing-it",
                // A batch stuck behind the stopped broker fails soon, so the test sees failures and retries.
                "yjs.integration-publisher.ack-timeout=PT3S"})
class IntegrationPublishingIT {

    private static final String PUBLISHER = "integration-publisher";
    private static final int CHILDREN = 200;
    private static final int EVENTS_PER_CHILD = 100;
    // Every connection to the broker goes through this fixed address: the broker advertises it, so the
    // network can be cut while the broker runs, and a restarted broker (on a new port) is found again.
    private static final BrokerForwarder BOOTSTRAP = new BrokerForwarder();
    private static final EmbeddedKafkaKraftBroker KAFKA = brokerBehind(BOOTSTRAP);

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        String url = pg.newDatabase("integration_publishing");
        try (var connection = DriverManager.getConnection(url, pg.username(), pg.password());
             var statement = connection.createStatement()) {
            statement.execute(Files.readString(Path.of("src/main/resources/db/common/V1__axon_event_store.sql")));
        }
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", pg::username);
        registry.add("spring.datasource.password", pg::password);
        TestInfrastructure.registerKafka(registry, "integration_publishing", BOOTSTRAP::address);
    }

    @AfterAll
    static void stopKafka() throws IOException {
        BOOTSTRAP.close();
        KAFKA.destroy();
    }

    @Autowired
    EventStore store;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaPublisher<String, byte[]> publisher;

    @Autowired
    GlobalMetricRegistry metrics;

    @Test
    void the_service_runs_on_the_notifying_event_store_and_windowed_capacity_gauges() {
        // Axon's auto-configuration steps back for both (ADR 0013, 0014).
        assertThat(store).isInstanceOf(NotifyingEventStore.class);
        assertThat(metrics).isInstanceOf(WindowedCapacityMetricRegistry.class);
    }

    @Autowired
    HandlerTimeoutHandlerEnhancerDefinition handlerTimeouts;

    @Autowired
    TimeoutProperties timeouts;

    @Test
    void no_handler_call_is_wrapped_in_a_stack_walking_watchdog_but_each_unit_of_work_still_is() {
        // ADR 0015: Axon 4.12's per-call watchdog walks the stack at every handler call (AxonFramework#4637).
        for (Class<?> type : List.of(EventMessage.class, CommandMessage.class, QueryMessage.class, DeadlineMessage.class)) {
            MessageHandlingMember<Object> member = handlerOf(type);
            assertThat(handlerTimeouts.wrapHandler(member)).as(type.getSimpleName()).isSameAs(member);
        }
        assertThat(timeouts.isEnabled()).isTrue();
        assertThat(timeouts.getTransaction().getCommandBus().getTimeoutMs()).isPositive();
        assertThat(timeouts.getTransaction().getEventProcessors().getTimeoutMs()).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static MessageHandlingMember<Object> handlerOf(Class<?> messageType) {
        MessageHandlingMember<Object> member = mock(MessageHandlingMember.class);
        when(member.canHandleMessageType(any())).thenAnswer(call -> call.<Class<?>>getArgument(0).isAssignableFrom(messageType));
        when(member.attribute(anyString())).thenReturn(Optional.empty());
        return member;
    }

    @Test
    void a_broker_stopped_mid_stream_loses_nothing_reorders_nothing_and_the_token_never_passes_an_unacknowledged_record()
            throws Exception {
        EventProcessor publisher = processing.eventProcessor(PUBLISHER).orElseThrow();
        publisher.shutDown();
        String run = UUID.randomUUID().toString().substring(0, 8);
        appendInterleaved(run);
        publisher.start();

        readTopic(records -> records.size() >= 3_000, Duration.ZERO);
        BrokerServer broker = KAFKA.getCluster().brokers().values().iterator().next();
        broker.shutdown();
        // Long enough for batches stuck behind the stopped broker to time out (3 s) and fail, and for
        // their retries to fail too.
        Thread.sleep(10_000);
        publisher.shutDown();
        long acknowledgedUpTo = tokens.fetchToken(PUBLISHER, 0).position().orElse(-1);
        tokens.releaseClaim(PUBLISHER, 0);
        long lastAppended = jdbc.sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).single();
        assertThat(acknowledgedUpTo).as("the stream was cut before the end").isLessThan(lastAppended);

        broker.startup();
        // The publisher is stopped: whatever arrives now was sent before the broker stopped, or is a failed
        // batch's record arriving on its own, which must not happen.
        List<ConsumerRecord<String, byte[]>> beforeRetry = ofRun(run, readWholeTopic(Duration.ofSeconds(5)));
        Map<String, Long> globalIndexes = new HashMap<>();
        jdbc.sql("SELECT eventidentifier, globalindex FROM domainevententry")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> globalIndexes.put(e.getKey(), e.getValue()));
        Set<String> onTopic = beforeRetry.stream().map(r -> header(r, "eventId")).collect(Collectors.toSet());
        List<String> passedButMissing = globalIndexes.entrySet().stream()
                .filter(e -> e.getValue() <= acknowledgedUpTo && !onTopic.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
        assertThat(passedButMissing).as("events the token had passed but Kafka does not have").isEmpty();
        assertEachChildInOrder(beforeRetry, false);

        publisher.start();
        List<ConsumerRecord<String, byte[]>> all = ofRun(run, readTopic(
                records -> distinctEvents(ofRun(run, records)) >= CHILDREN * EVENTS_PER_CHILD, Duration.ofSeconds(3)));
        assertThat(distinctEvents(all)).isEqualTo(CHILDREN * EVENTS_PER_CHILD);
        assertEachChildInOrder(all, true);
    }

    @Test
    void a_failed_batchs_records_never_reach_kafka_on_their_own_and_its_retry_delivers_them_once() throws Exception {
        processing.eventProcessor(PUBLISHER).orElseThrow().shutDown();
        String child = "alone-" + UUID.randomUUID();
        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(null);
        publisher.send(GenericEventMessage.asEventMessage(new Appended(child, 0)));
        first.commit();

        // The producer now knows the broker; cut off, it keeps the batch's records and retries them.
        List<EventMessage<?>> batch = IntStream.range(1, 6)
                .<EventMessage<?>>mapToObj(n -> GenericEventMessage.asEventMessage(new Appended(child, n))).toList();
        BOOTSTRAP.cut();
        UnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(null);
        batch.forEach(publisher::send);
        assertThatThrownBy(failing::commit).isInstanceOf(EventPublicationFailedException.class);
        BOOTSTRAP.restore();
        // Kafka is reachable again: none of the failed batch's records may arrive unless sent again.
        assertThat(readWholeTopic(Duration.ofSeconds(8)).stream().filter(r -> child.equals(r.key())))
                .as("records of %s", child).hasSize(1);

        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(null);
        batch.forEach(publisher::send);
        retry.commit();
        assertThat(readWholeTopic(Duration.ofSeconds(2)).stream().filter(r -> child.equals(r.key())))
                .extracting(r -> header(r, "eventId")).hasSize(6).endsWith(
                        batch.stream().map(EventMessage::getIdentifier).toArray(String[]::new));
    }

    /** This run's records: the other test publishes to the same topic. */
    private static List<ConsumerRecord<String, byte[]>> ofRun(String run, List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.key().startsWith(run + "-")).toList();
    }

    /** Appends n = 0..99 for each of 200 children, the children's events interleaved. */
    private void appendInterleaved(String run) {
        List<EventMessage<?>> chunk = new ArrayList<>();
        for (int n = 0; n < EVENTS_PER_CHILD; n++) {
            for (int child = 0; child < CHILDREN; child++) {
                chunk.add(GenericEventMessage.asEventMessage(new Appended(run + "-" + child, n)));
                if (chunk.size() == 1_000) {
                    store.publish(chunk);
                    chunk = new ArrayList<>();
                }
            }
        }
        store.publish(chunk);
    }

    /**
     * Each child's events are seen in the order they were appended: the first sight of each is n = 0, 1,
     * 2, ... without a gap, and anything seen twice is the very record seen before (a redelivery). With
     * {@code complete}, every child's events have all arrived.
     */
    private void assertEachChildInOrder(List<ConsumerRecord<String, byte[]>> records, boolean complete) {
        Map<String, List<Integer>> firstSeen = new LinkedHashMap<>();
        Map<String, byte[]> seen = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String eventId = header(record, "eventId");
            byte[] before = seen.putIfAbsent(eventId, record.value());
            if (before != null) {
                assertThat(Arrays.equals(before, record.value())).as("a repeat of %s is the same record", eventId)
                        .isTrue();
                continue;
            }
            int n = Integer.parseInt(codec.read(record.value()).payload().get("localAuthority").asText().substring(1));
            firstSeen.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(n);
        }
        firstSeen.forEach((child, ns) -> {
            List<Integer> expected = IntStream.range(0, ns.size()).boxed().toList();
            assertThat(ns).as("the first sight of each of %s's events", child).isEqualTo(expected);
        });
        if (complete) {
            assertThat(firstSeen).hasSize(CHILDREN);
            firstSeen.values().forEach(ns -> assertThat(ns).hasSize(EVENTS_PER_CHILD));
        }
    }

    private static long distinctEvents(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> header(r, "eventId")).distinct().count();
    }

    /**
     * Reads the topic from its start, in each partition's order, until {@code enough} holds and then for
     * {@code settle} more, so that a record arriving late is seen too; gives up after two minutes.
     */
    private static List<ConsumerRecord<String, byte[]>> readTopic(Predicate<List<ConsumerRecord<String, byte[]>>> enough,
                                                                 Duration settle) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.CASE_EVENTS));
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
            Instant stop = null;
            while (Instant.now().isBefore(giveUp) && (stop == null || Instant.now().isBefore(stop))) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                if (stop == null && enough.test(found)) {
                    stop = Instant.now().plus(settle);
                }
            }
        }
        return found;
    }

    /** Reads everything the topic holds now, and whatever arrives in the {@code settle} after that. */
    private static List<ConsumerRecord<String, byte[]>> readWholeTopic(Duration settle) {
        long endOffsets;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            endOffsets = consumer.endOffsets(consumer.partitionsFor(Topics.CASE_EVENTS, Duration.ofMinutes(1)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList(), Duration.ofMinutes(1))
                    .values().stream().mapToLong(Long::longValue).sum();
        }
        return readTopic(records -> records.size() >= endOffsets, settle);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** As test-support's broker, but advertising the forwarder's address to clients. */
    private static EmbeddedKafkaKraftBroker brokerBehind(BrokerForwarder forwarder) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("log.retention.ms", "-1");
        broker.brokerProperty("advertised.listeners", "EXTERNAL://" + forwarder.address());
        broker.afterPropertiesSet();
        return broker;
    }

    private static int brokerPort() {
        return KAFKA.getCluster().brokers().values().iterator().next().boundPort(new ListenerName("EXTERNAL"));
    }

    /**
     * Forwards each connection to wherever the broker listens at the time. {@link #cut()} drops every
     * connection and refuses new ones, as a network failure would; {@link #restore()} ends that.
     */
    private static final class BrokerForwarder implements AutoCloseable {

        private final int port;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "broker-forwarder");
            t.setDaemon(true);
            return t;
        });
        private volatile ServerSocket server;

        BrokerForwarder() {
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            restore();
        }

        String address() {
            return "localhost:" + port;
        }

        synchronized void restore() {
            try {
                server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            ServerSocket accepting = server;
            threads.submit(() -> accept(accepting));
        }

        synchronized void cut() throws IOException {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        private void accept(ServerSocket accepting) {
            while (!accepting.isClosed()) {
                Socket client;
                try {
                    client = accepting.accept();
                } catch (IOException e) {
                    return;
                }
                try {
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), brokerPort());
                    open.add(client);
                    open.add(target);
                    threads.submit(() -> pipe(client, target));
                    threads.submit(() -> pipe(target, client));
                } catch (IOException | RuntimeException e) {
                    // The broker is down: the client's connection fails, as it would without the forwarder.
                    close(client);
                }
            }
        }

        private void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ignored) {
                // one side closed
            } finally {
                close(from);
                close(to);
            }
        }

        private void close(Socket socket) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public synchronized void close() throws IOException {
            cut();
            threads.shutdownNow();
        }
    }
}
