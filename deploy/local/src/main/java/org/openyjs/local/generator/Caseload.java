package org.openyjs.local.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/** What the generator made: the children and their histories between firstDay and lastDay. */
public record Caseload(CaseloadGenerator.Settings settings, LocalDate firstDay, List<GeneratedChild> children) {

    public LocalDate lastDay() {
        return settings.lastDay();
    }

    /** Every row, child after child, each child's in the order it happened. */
    public Stream<Row> rows() {
        return children.stream().flatMap(c -> c.rows().stream());
    }

    /** Every offence referred to the out-of-court panel, decided or still awaiting a meeting, child after child. */
    public Stream<PanelCase> panelCases() {
        return children.stream().flatMap(c -> c.panelCases().stream());
    }

    /**
     * The panel's weekly meetings that decided a case of this caseload (through panel-service's API or not),
     * earliest first, with their attendance.
     */
    public List<PanelCase.Meeting> panelMeetings() {
        return panelCases().filter(c -> c.decision() != null).map(PanelCase::meetingDate).distinct().sorted()
                .map(day -> CaseloadGenerator.meeting(settings, day)).toList();
    }
}
