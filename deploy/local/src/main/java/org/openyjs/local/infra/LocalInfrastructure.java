package org.openyjs.local.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * PostgreSQL and a Kafka broker for the local stack, both keeping their data under one directory
 * ({@code postgres/}, {@code kafka/}, and their logs in {@code logs/}) so a second run carries on
 * where the first stopped.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** integration-events' Topics (a test dependency here: the launcher does not ship the contracts). */
    public static final String CASE_EVENTS_TOPIC = "yjs.case-events";
    public static final List<String> INTEGRATION_TOPICS = List.of(CASE_EVENTS_TOPIC, "yjs.panel-events");

    /** Where the data lives, the ports (Kafka's controller takes kafkaPort + 1) and the databases to create. */
    public record Settings(Path dataDir, int postgresPort, int kafkaPort, List<String> databases) {

        public Path logDir() {
            return dataDir.resolve("logs");
        }

        Path postgresDir() {
            return dataDir.resolve("postgres");
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;
    private LocalPostgres postgres;
    private KafkaBroker kafka;

    public LocalInfrastructure(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** See {@link LocalPostgres#stopOrphan}: only for a data directory no live launcher is using. */
    public static void stopOrphanedPostgres(Settings settings, Consumer<String> progress)
            throws IOException, InterruptedException {
        LocalPostgres.stopOrphan(settings.postgresDir(), progress);
    }

    /** Synchronized with {@link #close()} so a Ctrl-C during start-up still stops what was started. */
    public synchronized void start() throws Exception {
        Files.createDirectories(settings.logDir());
        try {
            postgres = LocalPostgres.start(settings.postgresDir(), settings.postgresPort(),
                    settings.logDir().resolve("postgres.log"), settings.databases());
            progress.accept("PostgreSQL is up on port " + settings.postgresPort() + ", databases " + settings.databases());
            kafka = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            progress.accept("Kafka is up on " + kafka.bootstrapServers());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Stops the Kafka broker, keeping its log, as an outage would; {@link #startKafka()} brings it back on the same port. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            progress.accept("Stopping Kafka");
            kafka.close();
            kafka = null;
        }
    }

    public synchronized void startKafka() throws Exception {
        if (kafka == null) {
            kafka = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            progress.accept("Kafka is up again on " + kafka.bootstrapServers());
        }
    }

    /** Stops PostgreSQL (its clients' connections break), keeping its data; {@link #startPostgres()} restarts it. */
    public synchronized void stopPostgres() throws IOException {
        if (postgres != null) {
            progress.accept("Stopping PostgreSQL");
            postgres.close();
            postgres = null;
        }
    }

    public synchronized void startPostgres() throws IOException, java.sql.SQLException {
        if (postgres == null) {
            postgres = LocalPostgres.start(settings.postgresDir(), settings.postgresPort(),
                    settings.logDir().resolve("postgres.log"), settings.databases());
            progress.accept("PostgreSQL is up again on port " + settings.postgresPort());
        }
    }

    public String jdbcUrl(String database) {
        // The same while PostgreSQL is stopped and after it restarts.
        return "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + database;
    }

    public String postgresUser() {
        return LocalPostgres.USER;
    }

    /** "shared_buffers=128MB work_mem=4MB max_connections=100" as the running server reports them (SHOW). */
    public String postgresMemorySettings() {
        StringBuilder settings = new StringBuilder();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), postgresUser(), "postgres");
             java.sql.Statement s = c.createStatement()) {
            for (String name : List.of("shared_buffers", "work_mem", "max_connections")) {
                try (java.sql.ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.append(settings.isEmpty() ? "" : " ").append(name).append('=').append(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            return "settings not read: " + e.getMessage();
        }
        return settings.toString();
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + settings.kafkaPort(); // the same while the broker is stopped and after it restarts
    }

    /** Stops Kafka, then PostgreSQL (the reverse of start-up); safe to call twice. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (kafka != null) {
                progress.accept("Stopping Kafka");
                kafka.close();
                kafka = null;
            }
        } finally {
            if (postgres != null) {
                progress.accept("Stopping PostgreSQL");
                postgres.close();
                postgres = null;
            }
        }
    }
}
