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
        @Schema(description = "why the rebuild failed, when it did") String failure) {

    public enum State { IDLE, RUNNING, COMPLETED, FAILED }
}
