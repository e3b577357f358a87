package org.openyjs.local.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An offence the child's case referred to the joint out-of-court panel and what panel-service records
 * for it: listed on a weekly meeting and decided there. panel-service's history cannot be imported with
 * the case's rows (case-service's import is for the case alone), so it goes through panel-service's API
 * once the referral has reached it over Kafka ({@code demo/PanelLoader}).
 *
 * @param decision     the body of {@code POST /panels/{panelId}/decisions} (childId, offenceId, outcomeCode,
 *                     rationale and what the rules ask for); null while the case still awaits a meeting
 * @param conditionsCompleted for a youth conditional caution: true if the child completed the conditions,
 *                     false if not (recorded on the end date), null otherwise
 * @param outcomeImported the decided outcome is in the case's rows (the import closes the referral in
 *                     panel-service), so the panel part must not decide it again; false while awaiting a meeting
 *                     and for the decisions left to panel-service's API ({@code Settings.panelDecisions})
 */
public record PanelCase(String childId, String offenceId, LocalDate referralDate, String panelId, LocalDate meetingDate,
                        Map<String, Object> decision, Boolean conditionsCompleted, boolean outcomeImported) {

    /** Decided at a meeting through panel-service's API, by the panel part: its outcome is not in the case's rows. */
    public boolean decided() {
        return decision != null && !outcomeImported;
    }

    public LocalDate conditionsEndDate() {
        Object end = decision == null ? null : decision.get("conditionsEndDate");
        return end == null ? null : LocalDate.parse(end.toString());
    }

    /** A weekly meeting of the panel with who attended (agency and role), as {@code PUT .../attendance} takes it. */
    public record Meeting(String panelId, LocalDate meetingDate, List<Map<String, Object>> attendees) {
    }
}
