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

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String postgresUser() {
        return LocalPostgres.USER;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
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
