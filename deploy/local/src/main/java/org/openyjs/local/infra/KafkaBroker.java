package org.openyjs.local.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.Set;
import java.util.Optional;
import java.util.List;

/**
 * A single-node Kafka broker and KRaft controller running inside this JVM, with its log on disk so
 * topics keep their whole history between runs.
 */
final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    static final List<String> INTEGRATION_TOPICS = LocalInfrastructure.INTEGRATION_TOPICS;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the broker on localhost:port, its controller on port + 1; formats logDir on first use only. */
    static KafkaBroker start(Path logDir, int port) throws Exception {
        KafkaConfig config = new KafkaConfig(properties(logDir, port, port + 1));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the broker has caught up with the metadata log and is unfenced.
            server.startup();
            createIntegrationTopics("localhost:" + port);
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new KafkaBroker(server, port);
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Map<String, String> properties(Path logDir, int port, int controllerPort) {
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", "3"),
                // Integration topics are the history kpi-service rebuilds from: never delete it.
                Map.entry("log.retention.ms", "-1"),
                // One broker: internal topics cannot have more than one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                // Nobody else is going to join the group: do not make consumers wait for them.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The log cleaner otherwise takes 128 MiB of heap up front, for compacting a few offsets.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)),
                // Threads sized for one local broker on 2 cores rather than a server (defaults 8, 3 and 10):
                // fewer thread stacks and request buffers in the launcher's memory.
                Map.entry("num.io.threads", "2"),
                Map.entry("num.network.threads", "2"),
                Map.entry("background.threads", "4"));
    }

    /**
     * The integration topics exist before any service subscribes: a consumer subscribed to a topic not yet
     * created only notices it at its next metadata refresh, up to five minutes later, and kpi-service would sit
     * idle while the first events piled up. Topics already there are left as they are.
     */
    private static void createIntegrationTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = INTEGRATION_TOPICS.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the integration topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the integration topics", e);
        }
    }

    /** What `kafka-storage.sh format` does: a fresh cluster id and the bootstrap metadata. */
    private static void format(Path logDir) throws Exception {
        Files.createDirectories(logDir);
        String dir = logDir.toAbsolutePath().toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(dir)
                .addDirectory(dir)
                .run();
    }
}
