package org.openyjs.support.axon;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The capacity gauges keep Axon's names and tags and count only the configured window: a message handled
 * longer ago than that no longer counts (Axon's own window is 10 minutes, and it keeps every message of it).
 */
class WindowedCapacityMetricRegistryTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final WindowedCapacityMetricRegistry registry =
            new WindowedCapacityMetricRegistry(meters, Duration.ofSeconds(10), clock);

    @Test
    void an_event_processors_capacity_is_its_busy_share_of_the_last_window_only() {
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> monitor = (MessageMonitor<Message<?>>) registry.registerComponentWithDefaultTags(
                PooledStreamingEventProcessor.class, "integration-publisher");

        handle(monitor, GenericEventMessage.asEventMessage("recorded"), 500);
        handle(monitor, GenericEventMessage.asEventMessage("recorded"), 1_500);

        // 2 s busy in a 10 s window, under Axon's dimensional name and tags.
        assertThat(capacity("eventProcessor.capacity", "processorName", "integration-publisher"))
                .isCloseTo(0.2, within(1e-9));
        assertThat(meters.find("eventProcessor.latency").tag("processorName", "integration-publisher").gauge())
                .as("the other processor meters are still there").isNotNull();
        assertThat(meters.find("eventProcessor.successCounter").counter()).isNotNull();
        assertThat(meters.find("eventProcessor.allTimer").timer()).as("no per-message timer").isNull();

        clock.add(11, TimeUnit.SECONDS);
        assertThat(capacity("eventProcessor.capacity", "processorName", "integration-publisher")).isZero();
    }

    @Test
    void the_command_bus_capacity_counts_the_last_window_only() {
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> monitor = (MessageMonitor<Message<?>>) registry.registerComponentWithDefaultTags(
                CommandBus.class, "commandBus");

        handle(monitor, GenericCommandMessage.asCommandMessage("record an offence"), 1_000);
        assertThat(capacity("commandBus.capacity", "payloadType", "String")).isCloseTo(0.1, within(1e-9));
        assertThat(meters.find("commandBus.successCounter").counter()).isNotNull();
        assertThat(meters.find("commandBus.successTimer").timer()).as("no per-message timer").isNull();

        clock.add(11, TimeUnit.SECONDS);
        assertThat(capacity("commandBus.capacity", "payloadType", "String")).isZero();
    }

    private void handle(MessageMonitor<Message<?>> monitor, Message<?> message, long millis) {
        MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(message);
        clock.add(millis, TimeUnit.MILLISECONDS);
        callback.reportSuccess();
    }

    private double capacity(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).gauge().value();
    }
}
