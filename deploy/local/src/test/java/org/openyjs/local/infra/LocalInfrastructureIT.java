package org.openyjs.local.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openyjs.events.Topics;
import org.openyjs.local.FreePorts;
import org.openyjs.local.Ports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class LocalInfrastructureIT {

    private static final List<String> DATABASES = List.of("case_service", "panel_service", "kpi_service");

    @TempDir
    Path dataDir;

    @Test
    void keepsRowsAndRecordsAcrossAStopAndStartThenFreesItsPorts() throws Exception {
        int postgresPort;
        int kafkaPort;
        try (FreePorts ports = new FreePorts()) {
            postgresPort = ports.next();
            kafkaPort = ports.nextPair();
        }
        var settings = new LocalInfrastructure.Settings(dataDir, postgresPort, kafkaPort, DATABASES);

        try (LocalInfrastructure infrastructure = started(settings)) {
            assertThat(query(infrastructure, "postgres", "SELECT datname FROM pg_database")).containsAll(DATABASES);
            update(infrastructure, "case_service", "CREATE TABLE note (text varchar(50))");
            update(infrastructure, "case_service", "INSERT INTO note VALUES ('written in the first run')");

            produce(infrastructure, "child-1", "first run");
            assertThat(readTopic(infrastructure, 1)).containsExactly("child-1=first run");
        }

        try (LocalInfrastructure infrastructure = started(settings)) {
            assertThat(query(infrastructure, "case_service", "SELECT text FROM note")).containsExactly("written in the first run");
            assertThat(readTopic(infrastructure, 1)).containsExactly("child-1=first run");
        }

        assertThat(Ports.isFree(postgresPort)).as("PostgreSQL port free").isTrue();
        assertThat(Ports.isFree(kafkaPort)).as("Kafka port free").isTrue();
        assertThat(Ports.isFree(kafkaPort + 1)).as("Kafka controller port free").isTrue();
    }

    private static LocalInfrastructure started(LocalInfrastructure.Settings settings) throws Exception {
        LocalInfrastructure infrastructure = new LocalInfrastructure(settings, System.out::println);
        infrastructure.start();
        return infrastructure;
    }

    private static Connection connect(LocalInfrastructure infrastructure, String database) throws SQLException {
        // Trust authentication: any password is accepted.
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.postgresUser(), "anything");
    }

    private static void update(LocalInfrastructure infrastructure, String database, String sql) throws SQLException {
        try (Connection connection = connect(infrastructure, database); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static List<String> query(LocalInfrastructure infrastructure, String database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(infrastructure, database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void produce(LocalInfrastructure infrastructure, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CASE_EVENTS, key, value)).get();
        }
    }

    /** The topic from its first record, as key=value, read by a new consumer group each time. */
    private static List<String> readTopic(LocalInfrastructure infrastructure, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CASE_EVENTS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
            // One more poll: a record beyond the expected ones would show up here.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> records.add(r.key() + "=" + r.value()));
        }
        return records;
    }

}
