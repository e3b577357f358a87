package org.openyjs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.openyjs.local.demo.GatewayClient;
import org.openyjs.local.infra.LocalInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The read side's figures: end-to-end freshness (a command acknowledged by the gateway to the KPI
 * drill-down showing it), kpi-service catching up, KPI query latency, the rebuild rate, and beside it the
 * raw Kafka consumption ceiling of the same broker. All calls go through {@link GatewayClient}.
 */
final class ReadSideFigures {

    static final List<String> TOPICS = LocalInfrastructure.INTEGRATION_TOPICS;
    private static final String KPI_GROUP = "kpi-service";
    /** Probes are first youth cautions in a year no other data uses, so the drill-down holds only them. */
    private static final String PROBE_SERVICE = "leicestershire";
    private static final String PROBE_PERIOD = "FY2019-20";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayClient gateway;
    private final String bootstrapServers;
    private final String practitioner;
    private final String analyst;
    private final String admin;

    ReadSideFigures(GatewayClient gateway, String bootstrapServers) throws Exception {
        this.gateway = gateway;
        this.bootstrapServers = bootstrapServers;
        this.practitioner = gateway.token("practitioner", "practitioner");
        this.analyst = gateway.token("analyst", "analyst");
        this.admin = gateway.token("admin", "admin");
    }

    /** What a freshness run saw: per probe, acknowledged-to-visible in nanoseconds, and the probes never seen. */
    record Freshness(Latencies latencies, int probes, int acknowledged, int unseen, Latencies polls) {
    }

    /**
     * Sends {@code rate} probes a second for {@code seconds} (open loop, 4 senders): each records a first
     * youth caution for a child registered beforehand. A poller reads the drill-down every pollMillis and
     * notes when each probe child first appears.
     */
    Freshness freshness(int rate, int seconds, int pollMillis, String run, Runnable whenProbesStart) throws Exception {
        int probes = rate * seconds;
        List<String> children = new ArrayList<>(probes);
        for (int i = 0; i < probes; i++) {
            String child = "fresh-" + run + "-" + i;
            GatewayClient.Response r = gateway.post(practitioner, "/api/cases", Map.of("childId", child,
                    "youthJusticeService", PROBE_SERVICE, "dateOfBirth", "2004-06-01", "sex", "MALE",
                    "ethnicity", "WHITE_BRITISH", "localAuthority", "Leicestershire"));
            if (!r.isSuccess()) {
                throw new IllegalStateException("Registering probe child " + child + ": HTTP " + r.status() + " " + r.body());
            }
            children.add(child);
        }
        Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        // How long each drill-down read took: a probe is seen only when the read that finds it returns.
        Latencies polls = new Latencies();
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                long started = System.nanoTime();
                try {
                    GatewayClient.Response r = gateway.get(analyst, "/api/kpi/first-time-entrants/children?service="
                            + PROBE_SERVICE + "&period=" + PROBE_PERIOD);
                    long now = System.nanoTime();
                    polls.add(now - started);
                    if (r.isSuccess()) {
                        JSON.readTree(r.body()).get("counted").forEach(e -> seenAt.putIfAbsent(e.get("childId").asText(), now));
                    }
                } catch (Exception e) {
                    // a missed poll only delays what it would have seen
                }
                long wait = TimeUnit.MILLISECONDS.toNanos(pollMillis) - (System.nanoTime() - started);
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }, "freshness-poller");
        poller.start();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        AtomicInteger acknowledged = new AtomicInteger();
        whenProbesStart.run();
        long start = System.nanoTime();
        for (int i = 0; i < probes; i++) {
            long due = Latencies.scheduledAt(start, i, rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String child = children.get(i);
            LocalDate outcome = LocalDate.of(2019, 5, 1).plusDays(i % 300);
            senders.submit(() -> {
                GatewayClient.Response r = gateway.post(practitioner, "/api/cases/" + child + "/offences", Map.of(
                        "offenceId", "o1", "offenceDate", outcome.minusDays(10).toString(), "offenceCategory",
                        "THEFT_AND_HANDLING", "gravityScore", 2, "admitted", true,
                        "outcome", Map.of("code", "YOUTH_CAUTION", "date", outcome.toString())));
                if (r.isSuccess()) {
                    acknowledgedAt.put(child, System.nanoTime());
                    acknowledged.incrementAndGet();
                }
                return null;
            });
        }
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        Instant giveUp = Instant.now().plusSeconds(60);
        while (!seenAt.keySet().containsAll(acknowledgedAt.keySet()) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
        polling.set(false);
        poller.join();
        Latencies latencies = new Latencies();
        int unseen = 0;
        for (Map.Entry<String, Long> ack : acknowledgedAt.entrySet()) {
            Long seen = seenAt.get(ack.getKey());
            if (seen == null) {
                unseen++;
            } else {
                latencies.add(Math.max(0, seen - ack.getValue()));
            }
        }
        return new Freshness(latencies, probes, acknowledged.get(), unseen, polls);
    }

    /** Waits until kpi-service has committed the end of both topics, and the end stays put for 3 s; returns records on them. */
    long awaitCaughtUp(Duration patience) throws Exception {
        return awaitCaughtUp(KPI_GROUP, TOPICS, patience);
    }

    /**
     * Waits until the consumer group has committed the end of every partition of the topics and the ends have held
     * still for 3 s; returns how many records the topics hold.
     */
    long awaitCaughtUp(String group, List<String> topics, Duration patience) throws Exception {
        Instant giveUp = Instant.now().plus(patience);
        long stableSince = 0;
        long lastEnd = -1;
        try (Admin adminClient = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            while (Instant.now().isBefore(giveUp)) {
                List<TopicPartition> partitions = partitions(consumer, topics);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                Map<TopicPartition, OffsetAndMetadata> committed = adminClient.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long endTotal = end.values().stream().mapToLong(Long::longValue).sum();
                long lag = partitions.stream().mapToLong(p -> end.get(p)
                        - (committed.get(p) == null ? 0 : committed.get(p).offset())).sum();
                if (lag == 0 && endTotal == lastEnd) {
                    if (System.nanoTime() - stableSince > 3_000_000_000L) {
                        return endTotal;
                    }
                } else {
                    stableSince = System.nanoTime();
                }
                lastEnd = endTotal;
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException(group + " did not catch up within " + patience.toSeconds() + " s");
    }

    /** Closed loop, one client: every measure's figure for both services and three years in turn, n queries. */
    Latencies kpiQueries(int n) throws Exception {
        List<String> measures = new ArrayList<>();
        JSON.readTree(gateway.get(analyst, "/api/kpi/measures").body()).forEach(m -> measures.add(m.get("name").asText()));
        List<String> paths = new ArrayList<>();
        for (String measure : measures) {
            for (String service : List.of("leicester-city", "leicestershire")) {
                for (String period : List.of("FY2022-23", "FY2023-24", "FY2024-25")) {
                    paths.add("/api/kpi/" + measure + "?service=" + service + "&period=" + period);
                }
            }
        }
        // Warm-up, leaving out the years a measure's rule does not cover (400: no version in force then).
        paths = paths.stream().filter(path -> {
            try {
                return gateway.get(analyst, path).isSuccess();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        queryableFigures = paths.size();
        Latencies latencies = new Latencies();
        slowestByMeasure.clear();
        for (int i = 0; i < n; i++) {
            String path = paths.get(i % paths.size());
            long start = System.nanoTime();
            GatewayClient.Response r = gateway.get(analyst, path);
            long took = System.nanoTime() - start;
            latencies.add(took);
            slowestByMeasure.merge(path.substring("/api/kpi/".length(), path.indexOf('?')), took, Math::max);
            if (!r.isSuccess()) {
                throw new IllegalStateException(path + ": HTTP " + r.status() + " " + r.body());
            }
        }
        return latencies;
    }

    /** How many figures (measure, service, year) the last {@link #kpiQueries} ran through. */
    int queryableFigures;

    /** The last {@link #kpiQueries}' slowest answer per measure, in nanoseconds: where a p99 comes from. */
    final Map<String, Long> slowestByMeasure = new ConcurrentHashMap<>();

    int measureCount() throws Exception {
        return JSON.readTree(gateway.get(analyst, "/api/kpi/measures").body()).size();
    }

    /**
     * What a rebuild did: records replayed, the seconds between its start and finish as kpi-service reports them,
     * and when it finished (for the wall time of rebuilds run at the same time).
     */
    record Rebuild(long records, double seconds, Instant finishedAt) {
    }

    Rebuild rebuild(Duration patience) throws Exception {
        GatewayClient.Response started = gateway.post(admin, "/api/kpi/rebuild", Map.of());
        if (started.status() != 202) {
            throw new IllegalStateException("Rebuild not started: HTTP " + started.status() + " " + started.body());
        }
        Instant giveUp = Instant.now().plus(patience);
        while (Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
            JsonNode status = JSON.readTree(gateway.get(admin, "/api/kpi/rebuild").body());
            String state = status.path("state").asText();
            if (state.equals("FAILED")) {
                throw new IllegalStateException("Rebuild failed: " + status);
            }
            if (state.equals("COMPLETED")) {
                Instant finishedAt = Instant.parse(status.get("finishedAt").asText());
                double seconds = Duration.between(Instant.parse(status.get("startedAt").asText()), finishedAt)
                        .toNanos() / 1e9;
                return new Rebuild(status.get("recordsReplayed").asLong(), seconds, finishedAt);
            }
        }
        throw new IllegalStateException("Rebuild not finished within " + patience.toSeconds() + " s");
    }

    /** What a plain consumer did: records and bytes read from the first offset to the end of both topics. */
    record Consumption(long records, long bytes, double seconds) {
    }

    /** The consumer ceiling: a plain KafkaConsumer (byte arrays, no processing) reading both topics from the start. */
    Consumption rawConsumption() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, TOPICS);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            long bytes = 0;
            long start = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    bytes += r.serializedValueSize() + Math.max(0, r.serializedKeySize());
                }
            }
            return new Consumption(records, bytes, (System.nanoTime() - start) / 1e9);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, List<String> topics) {
        return topics.stream().flatMap(t -> Stream.ofNullable(consumer.partitionsFor(t)).flatMap(List::stream)
                .map(p -> new TopicPartition(t, p.partition()))).toList();
    }
}
