package org.openyjs.support.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Axon's metrics for event processors and the command and query buses under Axon's names, with two changes (ADR 0014):
 * <ul>
 *   <li>The capacity gauge is measured over {@code capacityWindow} instead of Axon's fixed 10 minutes. Axon's capacity
 *   monitor keeps one entry per handled message for its whole window: a million-event import at ~2,000 events/s
 *   held about a million of them (90 MB of case-service's 256 MB heap) and ran it out of memory, and commands at
 *   500/s held 300,000.</li>
 *   <li>No per-message timers ({@code *.allTimer}, {@code successTimer}, ...). Axon looks up four timers by name and
 *   tags for every message and records each into a percentile histogram: half of the monitors' cost, itself 12% of
 *   case-service's import workers' samples. Nothing reads them; the dashboard and alerts read the latency, capacity
 *   and counters kept here, and the HTTP timers time each request.</li>
 * </ul>
 */
public class WindowedCapacityMetricRegistry extends GlobalMetricRegistry {

    private final Duration capacityWindow;
    private final Clock clock;

    public WindowedCapacityMetricRegistry(MeterRegistry registry, Duration capacityWindow) {
        this(registry, capacityWindow, Clock.SYSTEM);
    }

    /** With a clock of the caller's: tests move time on. */
    WindowedCapacityMetricRegistry(MeterRegistry registry, Duration capacityWindow, Clock clock) {
        super(registry);
        this.capacityWindow = capacityWindow;
        this.clock = clock;
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String eventProcessorName,
                                                                          Function<Message<?>, Iterable<Tag>> tagsBuilder,
                                                                          Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
        return new MultiMessageMonitor<>(List.of(
                EventProcessorLatencyMonitor.builder()
                        .meterNamePrefix(eventProcessorName)
                        .meterRegistry(getRegistry())
                        .tagsBuilder(latencyTagsBuilder)
                        .build(),
                capacity(eventProcessorName, tagsBuilder),
                MessageCountingMonitor.buildMonitor(eventProcessorName, getRegistry(), tagsBuilder)));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String commandBusName,
                                                                        Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return handlerMonitor(commandBusName, tagsBuilder);
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String queryBusName,
                                                                       Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return handlerMonitor(queryBusName, tagsBuilder);
    }

    private MessageMonitor<Message<?>> handlerMonitor(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return new MultiMessageMonitor<>(
                capacity(name, tagsBuilder),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tagsBuilder));
    }

    private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        return CapacityMonitor.buildMonitor(name, getRegistry(), capacityWindow.toMillis(), TimeUnit.MILLISECONDS, clock,
                tagsBuilder);
    }
}
