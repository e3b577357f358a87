package org.openyjs.panel.rebuild;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * Where the latest rebuild of the chair's read models is. Progress is counted in events of panel-service's
 * event store, up to its head as it was when the rebuild started.
 */
public record RebuildStatus(
        State state,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "events handled again so far (while running, estimated from the processor's "
                + "position in the event store; exact once completed)") long eventsReplayed,
        @Schema(description = "events in the event store when the rebuild started") long eventsToReplay,
        @Schema(description = "events replayed per second, from startedAt to finishedAt (or to now while running)")
        Double eventsPerSecond,
        @Schema(description = "the read-model processor's kind, e.g. PooledStreamingEventProcessor or "
                + "TrackingEventProcessor (as configured)") String processor,
        @Schema(description = "true when the replay was started before a restart and is being finished by this "
                + "instance; startedAt is then unknown") boolean resumedAfterRestart,
        @Schema(description = "why the rebuild failed, when it did") String failure) {

    public enum State { IDLE, RUNNING, COMPLETED, FAILED }
}
