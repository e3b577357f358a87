package org.openyjs.support.observability;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Is the Kafka cluster reachable from here? A fresh admin client per check, so a broker that went away
 * is noticed at once instead of being hidden behind a connection opened earlier.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final String bootstrapServers;
    private final Duration timeout;

    public KafkaHealthIndicator(String bootstrapServers, Duration timeout) {
        super("Kafka health check failed");
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int millis = (int) timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) millis,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) millis,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500L))) {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .nodes().get(millis, TimeUnit.MILLISECONDS).size();
            builder.up().withDetail("brokers", brokers);
        }
    }
}
