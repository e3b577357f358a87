package org.openyjs.kpi.rebuild;

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
@RequestMapping(path = "/kpi/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rebuild", description = "Recompute the read model from the first event on the integration topics")
public class RebuildController {

    private final RebuildService rebuild;

    public RebuildController(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @Operation(summary = "Start a rebuild",
            description = "Stops consumption, rewinds the consumer group, empties the read model and replays every "
                    + "event. Figures are provisional until it completes.")
    @ApiResponse(responseCode = "202", description = "started; poll GET /kpi/rebuild for progress",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "a rebuild is already running",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<RebuildStatus> start() {
        return ResponseEntity.accepted().body(rebuild.start());
    }

    @GetMapping
    @Operation(summary = "Progress of the latest rebuild")
    public RebuildStatus status() {
        return rebuild.status();
    }
}
