package org.openyjs.kpi.rebuild;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** Where the latest rebuild is. Progress is counted in records against the end offsets captured at its start. */
public record RebuildStatus(
        State state,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "records read again so far") long recordsReplayed,
        @Schema(description = "records on the topics when the rebuild started") long recordsToReplay,
        @Schema(description = "why the rebuild failed, when it did") String failure,
        @Schema(description = "records replayed per second since the start (until finished), whole records",
                example = "17000") long recordsPerSecond) {

    public enum State { IDLE, RUNNING, COMPLETED, FAILED }
}
