package org.openyjs.panel;

import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.UUID;
import java.util.stream.Stream;

/**
 * panel-service started by a test that stops and starts it again on a database of its own. Its listener of case
 * events stays off: what the test sends as commands is all there is (other tests' referrals on the shared topic would
 * leave sagas, deadlines and read-model rows of their own).
 */
public final class StandalonePanelService {

    private StandalonePanelService() {
    }

    /** The command line for the database at {@code jdbcUrl}, then {@code more}. */
    public static String[] properties(String jdbcUrl, String... more) {
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        return Stream.concat(Stream.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.kafka.consumer.group-id=panel-standalone-" + UUID.randomUUID(),
                "--spring.kafka.listener.auto-startup=false"), Stream.of(more)).toArray(String[]::new);
    }

    public static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(PanelServiceApplication.class).run(properties);
    }
}
