package org.openyjs.panel.api;

import java.time.LocalDate;

/** The facts recorded about a panel meeting, as stored in panel-service's event store. */
public final class PanelEvents {

    private PanelEvents() {
    }

    public record MeetingScheduled(String panelId, LocalDate meetingDate) {
    }

    public record CaseListed(String panelId, String childId, String offenceId, String youthJusticeService) {
    }

    public record DecisionRecorded(String panelId, String decisionId, String childId, String offenceId,
                                   String youthJusticeService, String outcomeCode, LocalDate decisionDate,
                                   String rationale) {
    }
}
