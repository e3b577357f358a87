package org.openyjs.kpi.rebuild;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.CaseTransferred;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OutcomeCorrected;
import org.openyjs.kpi.consuming.IntegrationEventListener;
import org.openyjs.kpi.measure.ReportingPeriod;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.kpi.readmodel.OutcomeFacts;
import org.openyjs.kpi.readmodel.PrecomputedOutcomes;
import org.openyjs.kpi.rules.CountingRule;
import org.openyjs.kpi.rules.RuleBook;
import org.openyjs.testsupport.TestInfrastructure;
import org.openyjs.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openyjs.kpi.consuming.Polls.child;
import static org.openyjs.kpi.consuming.Polls.day;
import static org.openyjs.kpi.consuming.Polls.event;
import static org.openyjs.kpi.consuming.Polls.outcome;

/**
 * A rebuild defers the precomputed outcome tables (V10) to one derivation over every child when the replay
 * reaches its end: through the rebuild service and the real broker, it must end with exactly the rows that live
 * consumption (a refresh per poll) left, and live polls after it must refresh again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RebuildPrecomputedIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    private static final List<String> TOPICS = List.of(Topics.CASE_EVENTS, Topics.PANEL_EVENTS);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ReportingPeriod FY2023 = ReportingPeriod.named("FY2023-24");
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(6);

    /** A broker of this test's own: other tests count everything on the shared broker's topics. */
    private static final EmbeddedKafkaKraftBroker KAFKA = TestInfrastructure.startEmbeddedKafka(0);

    private static Admin admin;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "kpi-rebuild-precomputed");
        TestInfrastructure.registerKafka(registry, "kpi-rebuild-precomputed", KAFKA::getBrokersAsString);
        TestTokens.register(registry);
        // Short, so a derivation can outlast it (aDerivationLongerThanThePollIntervalLeavesTheConsumersInTheGroup).
        registry.add("spring.kafka.consumer.properties.max.poll.interval.ms", () -> POLL_INTERVAL.toMillis());
    }

    @BeforeAll
    static void topics() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString()));
        for (String topic : TOPICS) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    @Autowired
    RebuildService rebuild;
    @Autowired
    PrecomputedOutcomes precomputed;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutcomeFacts outcomes;
    @Autowired
    RuleBook rules;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    DataSource dataSource;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aRebuildEndsWithTheRowsLiveConsumptionLeft() throws Exception {
        String a = run + "-a";
        String b = run + "-b";
        String c = run + "-c";
        String d = run + "-d";
        IntegrationEvent aFirst = event(CITY, outcome(a, "o1", "YOUTH_CAUTION", "2023-09-01"));
        List<IntegrationEvent> events = new ArrayList<>(List.of(
                event(CITY, child(a, CITY)), event(COUNTY, child(b, COUNTY)), aFirst,
                event(CITY, new OffenceRecorded(a, "o1", day("2023-08-01"), "ROBBERY", 6, true)),
                event(COUNTY, outcome(b, "o1", "REFERRAL_ORDER", "2023-07-01")),
                // Outcomes before the registration: counted once the child is registered.
                event(CITY, outcome(c, "o1", "FINE", "2023-06-01")), event(CITY, child(c, CITY)),
                // A child never registered: no rows.
                event(CITY, outcome(d, "o1", "YOUTH_CAUTION", "2023-06-01"))));
        for (int i = 0; i < 40; i++) {
            String other = run + "-x" + i;
            events.add(event(i % 2 == 0 ? CITY : COUNTY, child(other, i % 2 == 0 ? CITY : COUNTY)));
            events.add(event(CITY, outcome(other, "o1", i % 3 == 0 ? "YOUTH_CAUTION" : "REFERRAL_ORDER",
                    "2023-0" + (1 + i % 9) + "-15")));
        }
        send(events);
        awaitEverythingConsumed();
        // Later polls: a back-dated earlier outcome, a correction of the first one, a transfer, the offence re-recorded.
        IntegrationEvent aEarlier = event(CITY, outcome(a, "o2", "REFERRAL_ORDER", "2023-05-01"));
        send(List.of(aEarlier));
        awaitEverythingConsumed();
        IntegrationEvent correction = event(CITY, new OutcomeCorrected(a, "o2", aEarlier.eventId(), "NO_FURTHER_ACTION",
                day("2023-05-01")));
        send(List.of(correction, event(CITY, new CaseTransferred(a, "OUT", COUNTY, "TRANSFER", day("2023-08-15"))),
                event(COUNTY, new CaseTransferred(a, "IN", CITY, "TRANSFER", day("2023-08-15"))),
                event(CITY, new OffenceRecorded(a, "o1", day("2023-08-01"), "THEFT_AND_HANDLING", 2, true))));
        awaitEverythingConsumed();

        List<String> effective = rows("kpi_effective_outcome", "outcome_event_id");
        List<String> firstEntries = rows("kpi_first_entry", "measure, version, child_id");
        assertThat(jdbc.sql("SELECT count(*) FROM kpi_effective_outcome WHERE child_id LIKE ?").param(run + "-%")
                .query(Integer.class).single()).as("every outcome of a registered child").isEqualTo(44);
        assertThat(firstEntryEvent(a)).as("the corrected earlier outcome is no entry").isEqualTo(aFirst.eventId());

        // The topics' three partitions each on a consumer thread of their own, once the group has rebalanced (the
        // first thread to join holds all six until the others have joined).
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listeners
                .getListenerContainer(IntegrationEventListener.ID).getAssignmentsByClientId().values())
                .hasSize(3).allSatisfy(assigned -> assertThat(assigned).isNotEmpty()));
        double derivedBefore = derivations();
        RebuildStatus started = rebuild.start();
        assertThat(started.state()).isEqualTo(RebuildStatus.State.RUNNING);
        RebuildStatus finished = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(rebuild::status, status -> status.state() != RebuildStatus.State.RUNNING);
        assertThat(finished.state()).isEqualTo(RebuildStatus.State.COMPLETED);

        assertThat(precomputed.deferred()).as("polls refresh again").isFalse();
        assertThat(derivations() - derivedBefore).as("derived once, whichever consumer threads saw the replay end")
                .isEqualTo(1.0);
        assertThat(rows("kpi_effective_outcome", "outcome_event_id")).isEqualTo(effective);
        assertThat(rows("kpi_first_entry", "measure, version, child_id")).isEqualTo(firstEntries);

        // Live again: a poll after the rebuild refreshes the children it touches.
        IntegrationEvent aEarliest = event(CITY, outcome(a, "o3", "YOUTH_CAUTION", "2023-02-01"));
        send(List.of(aEarliest));
        awaitEverythingConsumed();
        assertThat(firstEntryEvent(a)).isEqualTo(aEarliest.eventId());
    }

    @Test
    void whileDeferredFiguresAsTheyStandNowReadTheFacts() throws Exception {
        String e = run + "-e";
        IntegrationEvent caution = event(CITY, outcome(e, "o1", "YOUTH_CAUTION", "2023-06-01"));
        send(List.of(event(CITY, child(e, CITY)), caution, event(CITY, outcome(e, "o2", "FINE", "2023-11-01"))));
        awaitEverythingConsumed();
        CountingRule rule = rules.resolve("first-time-entrants", null, FY2023.to());
        List<Counted> entries = outcomes.firstEntries(CITY, rule, FY2023.from(), FY2023.to(), null);
        List<Counted> all = outcomes.outcomes(CITY, rule.outcomeCodes(), FY2023.from(), FY2023.to(), null);
        assertThat(entries).extracting(Counted::eventId).contains(caution.eventId());
        List<String> effective = rows("kpi_effective_outcome", "outcome_event_id");

        // As a rebuild leaves them while it replays: deferred and empty.
        precomputed.defer();
        jdbc.sql("TRUNCATE kpi_effective_outcome, kpi_first_entry").update();
        try {
            assertThat(outcomes.firstEntries(CITY, rule, FY2023.from(), FY2023.to(), null)).isEqualTo(entries);
            assertThat(outcomes.outcomes(CITY, rule.outcomeCodes(), FY2023.from(), FY2023.to(), null)).isEqualTo(all);
        } finally {
            precomputed.refreshAll();
        }
        assertThat(precomputed.deferred()).isFalse();
        assertThat(rows("kpi_effective_outcome", "outcome_event_id")).isEqualTo(effective);
        assertThat(outcomes.firstEntries(CITY, rule, FY2023.from(), FY2023.to(), null)).isEqualTo(entries);
    }

    /**
     * The derivation at a replay's end held up well past max.poll.interval.ms (here by a lock on the counting rules it
     * reads): no consumer is taken out of the group (each keeps its member id, so no partition moved), an event sent
     * meanwhile is applied after it, and the rebuild completes once the derivation can run.
     */
    @Test
    void aDerivationLongerThanThePollIntervalLeavesTheConsumersInTheGroup() throws Exception {
        String f = run + "-f";
        String g = run + "-g";
        send(List.of(event(CITY, child(f, CITY)), event(CITY, outcome(f, "o1", "YOUTH_CAUTION", "2023-06-01"))));
        awaitEverythingConsumed();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listeners
                .getListenerContainer(IntegrationEventListener.ID).getAssignmentsByClientId().values())
                .hasSize(3).allSatisfy(assigned -> assertThat(assigned).isNotEmpty()));

        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE counting_rule IN ACCESS EXCLUSIVE MODE");
            }
            rebuild.start();
            // The replay done, the derivation waits for the lock.
            await().atMost(PATIENCE).until(() -> jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%kpi_refresh_%'
                    """).query(Integer.class).single() > 0);
            // The rebuild restarted the consumers: these are its members.
            Set<String> members = members();
            assertThat(members).hasSize(3);
            send(List.of(event(CITY, child(g, CITY)), event(CITY, outcome(g, "o1", "YOUTH_CAUTION", "2023-07-01"))));
            Thread.sleep(POLL_INTERVAL.multipliedBy(2).toMillis());
            assertThat(rebuild.status().state()).as("still deriving").isEqualTo(RebuildStatus.State.RUNNING);
            blocker.rollback();
            awaitEverythingConsumed();
            assertThat(members()).as("the same members: none left the group, no partition was reassigned")
                    .isEqualTo(members);
        }

        RebuildStatus finished = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(rebuild::status, status -> status.state() != RebuildStatus.State.RUNNING);
        assertThat(finished.state()).isEqualTo(RebuildStatus.State.COMPLETED);
        awaitEverythingConsumed();
        assertThat(jdbc.sql("SELECT count(*) FROM kpi_effective_outcome WHERE child_id IN (?, ?)").params(f, g)
                .query(Integer.class).single()).as("the replayed outcome and the one sent during the derivation")
                .isEqualTo(2);
    }

    private Set<String> members() throws Exception {
        return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members().stream()
                .map(MemberDescription::consumerId).collect(Collectors.toSet());
    }

    @Test
    void aDerivationOverEveryChildWaitsForThePollInFlight() throws Exception {
        CountDownLatch polling = new CountDownLatch(1);
        CountDownLatch pollMayCommit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> poll = threads.submit(() -> precomputed.duringPoll(() -> {
                polling.countDown();
                await().atMost(PATIENCE).until(() -> pollMayCommit.await(0, TimeUnit.MILLISECONDS));
                return null;
            }));
            assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();
            precomputed.defer();
            Future<?> derivation = threads.submit(precomputed::refreshAll);
            Thread.sleep(500);
            assertThat(derivation).as("waits while a poll may still commit facts it would not see").isNotDone();
            assertThat(precomputed.deferred()).isTrue();
            pollMayCommit.countDown();
            poll.get(10, TimeUnit.SECONDS);
            derivation.get(30, TimeUnit.SECONDS);
            assertThat(precomputed.deferred()).isFalse();
        } finally {
            pollMayCommit.countDown();
            threads.shutdownNow();
        }
    }

    private double derivations() {
        return meters.get("kpi.precomputed.derivations").counter().count();
    }

    private String firstEntryEvent(String child) {
        return jdbc.sql("SELECT event_id FROM kpi_first_entry WHERE child_id = ? AND version = 1").param(child)
                .query(String.class).single();
    }

    private List<String> rows(String table, String order) {
        return jdbc.sql("SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY " + order).query(String.class).list();
    }

    private void send(List<IntegrationEvent> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (IntegrationEvent e : events) {
                // Keyed by child, as the write side does: one child's events stay in order.
                producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, e.childId(), codec.write(e))).get();
            }
        }
    }

    /** Waits until the group has committed every partition up to its end: all records applied. */
    private void awaitEverythingConsumed() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(this::everythingConsumed);
    }

    private boolean everythingConsumed() throws Exception {
        Set<TopicPartition> partitions = admin.describeTopics(TOPICS).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return (c == null ? 0 : c.offset()) >= e.getValue();
        });
    }
}
