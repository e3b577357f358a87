package org.openyjs.panel.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/panels/admin/read-model/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Read-model rebuild", description = "Rebuild the chair's read models from panel-service's event store")
public class RebuildController {

    private final ReadModelRebuild rebuild;

    public RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @Operation(summary = "Start a rebuild of the agenda, decisions, timeliness, overrides and scrutiny read models",
            description = "Stops the panel-read-model processor, empties its tables, resets its tokens and replays "
                    + "every event up to the head of the event store as it is now. Deadlines, sagas and publishing "
                    + "to Kafka are not replayed. Until it completes the read-model answers may be partial: they "
                    + "carry the header " + RebuildingHeader.NAME + ": true.")
    @ApiResponse(responseCode = "202", description = "started; poll GET for progress", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "a rebuild is already running",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<RebuildStatus> start() {
        return ResponseEntity.accepted().body(rebuild.start());
    }

    @GetMapping
    @Operation(summary = "Progress of the latest rebuild: state, events replayed of those to replay, events/s")
    public RebuildStatus status() {
        return rebuild.status();
    }
}
