package org.openyjs.panel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The commands a panel meeting accepts. */
public final class PanelCommands {

    private PanelCommands() {
    }

    public record ScheduleMeeting(@TargetAggregateIdentifier String panelId, LocalDate meetingDate) {
    }

    /** Places a child's offence on the meeting's agenda. */
    public record ListCase(@TargetAggregateIdentifier String panelId, String childId, String offenceId,
                           String youthJusticeService) {
    }

    /** The panel's decision on a listed case; the rationale stays in panel-service. */
    public record RecordDecision(@TargetAggregateIdentifier String panelId, String decisionId, String childId,
                                 String offenceId, String outcomeCode, String rationale) {
    }
}
