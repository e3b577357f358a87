package org.openyjs.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place tests get a real PostgreSQL and a real Kafka broker: Testcontainers where a Docker
 * engine answers, otherwise embedded PostgreSQL (zonky) and spring-kafka-test's KRaft broker.
 * Both are started once per JVM and shared; each test class asks for its own database.
 */
public final class TestInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres postgres;
    private static String kafkaBootstrapServers;

    private TestInfrastructure() {
    }

    /** A PostgreSQL server: where it is and who to connect as. */
    public record Postgres(String host, int port, String username, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        /** Creates a fresh, empty database and returns its JDBC URL. */
        public String newDatabase(String prefix) {
            String name = (prefix + "_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid())
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username, password);
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (rs.next()) {
                        s.execute("DROP DATABASE " + name + " WITH (FORCE)");
                    }
                }
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create test database " + name, e);
            }
            return jdbcUrl(name);
        }
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = dockerAvailable() ? startPostgresContainer() : startEmbeddedPostgres();
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            kafkaBootstrapServers = dockerAvailable() ? startKafkaContainer() : startEmbeddedKafkaShared();
        }
        return kafkaBootstrapServers;
    }

    /**
     * A broker of the test's own on a fixed port, for tests that stop and restart Kafka.
     * Always embedded: a container cannot be brought back on the same address.
     */
    public static EmbeddedKafkaKraftBroker startEmbeddedKafka(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("log.retention.ms", "-1");
        broker.afterPropertiesSet();
        return broker;
    }

    /**
     * Points a Spring Boot service under test at a fresh database and the shared broker, and makes it
     * trust the test JVM's token key ({@link TestTokens}).
     */
    public static void register(DynamicPropertyRegistry registry, String prefix) {
        registerDatabase(registry, prefix);
        registerKafka(registry, prefix, TestInfrastructure::kafkaBootstrapServers);
        TestTokens.register(registry);
    }

    /** A fresh database of the test's own. */
    public static void registerDatabase(DynamicPropertyRegistry registry, String prefix) {
        Postgres pg = postgres();
        String url = pg.newDatabase(prefix);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", pg::username);
        registry.add("spring.datasource.password", pg::password);
    }

    /**
     * A broker address and a consumer group of the test's own: Spring keeps several test contexts
     * alive at once, and contexts sharing a group would take each other's partitions.
     */
    public static void registerKafka(DynamicPropertyRegistry registry, String prefix,
                                     Supplier<Object> bootstrapServers) {
        String group = prefix + "-" + UUID.randomUUID();
        registry.add("spring.kafka.bootstrap-servers", bootstrapServers);
        registry.add("spring.kafka.consumer.group-id", () -> group);
    }

    private static Postgres startEmbeddedPostgres() {
        try {
            // Byte-wise text collation, as the local stack's PostgreSQL has (LocalPostgres).
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setLocaleConfig("lc-collate", "C").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (Exception ignored) {
                    // the JVM is going away; the temporary data directory goes with it
                }
            }));
            return new Postgres("localhost", pg.getPort(), "postgres", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
        }
    }

    @SuppressWarnings("resource")
    private static Postgres startPostgresContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
        container.start();
        return new Postgres(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword());
    }

    private static String startEmbeddedKafkaShared() {
        // No shutdown hook: the broker lives in this JVM and ends with it. Destroying it in a hook races
        // the Spring test contexts' own shutdown, whose Kafka clients then wait on a vanished broker.
        return startEmbeddedKafka(0).getBrokersAsString();
    }

    @SuppressWarnings("resource")
    private static String startKafkaContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka-native:3.8.0");
        container.start();
        return container.getBootstrapServers();
    }
}
