package org.openyjs.kpi.board;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.openyjs.kpi.reference.ReferenceFigure;
import org.openyjs.kpi.reference.ReferenceFigures;
import org.openyjs.support.web.RequestUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** Service-level data analysts and admins enter: board meetings (KPI 8) and reference figures (CLA count, FTE). */
@RestController
@Tag(name = "Service data", description = "Management board meetings and attendance (YJB KPI 8), the local "
        + "authority's looked-after children count and practitioner FTE, entered by analysts and admins")
public class BoardMeetingController {

    private final BoardMeetings meetings;
    private final ReferenceFigures figures;

    public BoardMeetingController(BoardMeetings meetings, ReferenceFigures figures) {
        this.meetings = meetings;
        this.figures = figures;
    }

    @PostMapping(path = "/kpi/admin/board-meetings", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a management board meeting and the statutory partners who attended (analyst, admin)",
            description = "Every statutory partner of the KPI 8 rule in force on heldOn is expected; those not listed "
                    + "in attended were absent. 400 naming the field for an unknown partner, service or a future day; "
                    + "409 if the service's meeting on that day is already recorded.")
    public BoardMeeting record(@Valid @RequestBody BoardMeeting meeting) {
        return meetings.record(meeting, RequestUser.name().orElse("unknown"));
    }

    @GetMapping(path = "/kpi/admin/board-meetings", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The board meetings recorded for a service (or partnership) between two days")
    public List<BoardMeeting> meetings(
            @Parameter(description = "youth justice service") @RequestParam("service") String service,
            @RequestParam(name = "from", defaultValue = "1998-04-01") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(name = "to", defaultValue = "9999-12-31") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return meetings.meetings(service, from, to);
    }

    @PutMapping(path = "/kpi/admin/reference-figures", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Enter (or correct, same kind, service and validFrom) a looked-after children count or "
            + "practitioner FTE (admin)")
    public ReferenceFigure enter(@Valid @RequestBody ReferenceFigure figure) {
        return figures.enter(figure, RequestUser.name().orElse("unknown"));
    }

    @GetMapping(path = "/kpi/admin/reference-figures", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The reference figures entered for a service")
    public List<ReferenceFigure> referenceFigures(
            @Parameter(description = "youth justice service") @RequestParam("service") String service) {
        return figures.of(service);
    }
}
