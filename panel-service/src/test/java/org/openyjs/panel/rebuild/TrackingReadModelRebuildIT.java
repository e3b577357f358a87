package org.openyjs.panel.rebuild;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same rebuild with the read-model processor on Axon's default settings, chosen purely by configuration
 * as the benchmark's baseline does: a tracking processor, batch size 1, one thread and segment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "panel.deadlines.polling-interval=PT1S",
        "spring.kafka.listener.auto-startup=false",
        "axon.eventhandling.processors.panel-read-model.mode=tracking",
        "axon.eventhandling.processors.panel-read-model.batch-size=1",
        "axon.eventhandling.processors.panel-read-model.thread-count=1",
        // Axon's default for a tracking processor (application.yml's two segments would need two threads).
        "axon.eventhandling.processors.panel-read-model.initial-segment-count=1"})
class TrackingReadModelRebuildIT extends ReadModelRebuildIT {

    @Override
    protected String expectedProcessor() {
        return "TrackingEventProcessor";
    }
}
