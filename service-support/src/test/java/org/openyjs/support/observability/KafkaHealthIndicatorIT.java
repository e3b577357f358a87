package org.openyjs.support.observability;

import org.junit.jupiter.api.Test;
import org.openyjs.testsupport.LateBootstrap;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real KRaft broker, reached through an address that can be cut off and restored. */
class KafkaHealthIndicatorIT {

    @Test
    void kafka_is_down_while_the_broker_is_unreachable_and_up_while_it_is_reachable() throws Exception {
        try (LateBootstrap bootstrap = new LateBootstrap(TestInfrastructure.kafkaBootstrapServers())) {
            KafkaHealthIndicator kafka = new KafkaHealthIndicator(bootstrap.address(), Duration.ofSeconds(2));

            assertThat(kafka.health().getStatus()).isEqualTo(Status.DOWN);

            bootstrap.open();
            assertThat(kafka.health().getStatus()).isEqualTo(Status.UP);
            assertThat(kafka.health().getDetails()).containsEntry("brokers", 1);

            bootstrap.close();
            assertThat(kafka.health().getStatus()).isEqualTo(Status.DOWN);
        }
    }
}
