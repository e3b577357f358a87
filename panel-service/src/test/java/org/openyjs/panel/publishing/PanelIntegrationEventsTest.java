package org.openyjs.panel.publishing;

import org.junit.jupiter.api.Test;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.VictimContactNoted;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PanelIntegrationEventsTest {

    private final PanelIntegrationEvents mapper = new PanelIntegrationEvents();
    private static final LocalDate MET = LocalDate.of(2024, 1, 10);

    @Test
    void a_decision_leaves_as_panel_decision_recorded_without_its_free_text() {
        assertThat(mapper.toIntegrationPayload(new DecisionRecorded("r1", "d1", "p1", "c1", "o1", "leicester-city",
                "CHARGE", MET, 4, "rationale naming people", "none", "dissent", "override", List.of(), null, 3, true)))
                .contains(new PanelDecisionRecorded("d1", "p1", "c1", "o1", "CHARGE", MET));
    }

    @Test
    void an_amendment_and_unfinished_conditions_reach_case_service() {
        assertThat(mapper.toIntegrationPayload(new DecisionAmended("r1", "a1", "d1", "p1", "c1", "o1", "leicester-city",
                "OUTCOME_20", MET.plusDays(7), 2, "r", null, null, null, List.of(), null, "reason")))
                .contains(new PanelDecisionAmended("a1", "d1", "p1", "c1", "o1", "OUTCOME_20", MET.plusDays(7)));
        assertThat(mapper.toIntegrationPayload(new ConditionsNotCompleted("r1", "d1", "c1", "o1", "leicester-city",
                MET.plusMonths(3), MET.plusMonths(3).plusDays(2), "reason")))
                .contains(new YouthConditionalCautionNotCompleted("d1", "c1", "o1", MET.plusMonths(3),
                        MET.plusMonths(3).plusDays(2)));
    }

    @Test
    void attendance_and_victim_contact_stay_inside_panel_service() {
        assertThat(mapper.toIntegrationPayload(new AttendanceRecorded("p1", List.of(), false, List.of()))).isEmpty();
        assertThat(mapper.toIntegrationPayload(new VictimContactNoted("r1", "v1", MET, "DECLINED", false, false)))
                .isEmpty();
    }
}
