package org.openyjs.support.observability;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.LinkedHashMap;
import java.util.Map;

/** Are this service's Kafka consumers (panel decisions, case events, the KPI feed) running? */
public class KafkaListenersHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    public KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        super("Kafka listener health check failed");
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            // A container stopped on purpose (a rebuild pauses consumption) is not a fault.
            boolean running = container.isRunning() || container.isPauseRequested();
            healthy &= running;
            details.put(container.getListenerId(), Map.of("running", container.isRunning(),
                    "paused", container.isPauseRequested()));
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
