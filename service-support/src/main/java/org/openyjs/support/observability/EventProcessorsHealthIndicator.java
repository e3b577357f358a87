package org.openyjs.support.observability;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Are the service's Axon event processors (the Kafka publisher and the read-model projections)
 * running without error? A processor stuck in error means events stop reaching Kafka or a read model.
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        super("Event processor health check failed");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("running", processor.isRunning());
            state.put("error", processor.isError());
            healthy &= processor.isRunning() && !processor.isError();
            if (processor instanceof StreamingEventProcessor streaming) {
                long erroredSegments = streaming.processingStatus().values().stream()
                        .filter(EventTrackerStatus::isErrorState).count();
                state.put("segmentsClaimed", streaming.processingStatus().size());
                state.put("segmentsInError", erroredSegments);
                healthy &= erroredSegments == 0;
            }
            details.put(processor.getName(), state);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
