package org.openyjs.kpi.readmodel;

import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each integration event's facts into the read model. Runs inside the consumer's transaction;
 * deduplication happens before (processed_event), so every method here sees an event once.
 */
@Component
public class ReadModelProjection {

    private final JdbcClient jdbc;

    public ReadModelProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The payload fields the read model cannot do without, by contract. Checked before anything is
     * written so that an incomplete event is rejected rather than failing its whole batch in SQL.
     */
    public static List<String> missingFields(IntegrationPayload payload) {
        Required required = new Required();
        if (payload instanceof ChildRegistered child) {
            required.check("childId", child.childId())
                    .check("youthJusticeService", child.youthJusticeService())
                    .check("dateOfBirth", child.dateOfBirth());
        } else if (payload instanceof OffenceRecorded offence) {
            required.check("childId", offence.childId())
                    .check("offenceId", offence.offenceId())
                    .check("offenceDate", offence.offenceDate());
        } else if (payload instanceof OutcomeRecorded outcome) {
            required.check("childId", outcome.childId())
                    .check("outcomeCode", outcome.outcomeCode())
                    .check("outcomeDate", outcome.outcomeDate());
        } else if (payload instanceof PanelDecisionRecorded decision) {
            required.check("decisionId", decision.decisionId())
                    .check("childId", decision.childId())
                    .check("outcomeCode", decision.outcomeCode())
                    .check("decisionDate", decision.decisionDate());
        }
        return required.missing;
    }

    public void apply(IntegrationEvent event, IntegrationPayload payload) {
        Timestamp recordedAt = event.recordedAt() == null ? null : Timestamp.from(event.recordedAt());
        if (payload instanceof ChildRegistered child) {
            jdbc.sql("""
                            INSERT INTO kpi_child (child_id, youth_justice_service, date_of_birth, sex, ethnicity,
                                                   local_authority, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (child_id) DO UPDATE SET
                                youth_justice_service = excluded.youth_justice_service,
                                date_of_birth = excluded.date_of_birth, sex = excluded.sex,
                                ethnicity = excluded.ethnicity, local_authority = excluded.local_authority,
                                recorded_at = excluded.recorded_at
                            """)
                    .params(child.childId(), child.youthJusticeService(), child.dateOfBirth(), child.sex(),
                            child.ethnicity(), child.localAuthority(), recordedAt)
                    .update();
        } else if (payload instanceof OffenceRecorded offence) {
            jdbc.sql("""
                            INSERT INTO kpi_offence (event_id, child_id, offence_id, offence_date, offence_category,
                                                     gravity_score, admitted, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), offence.childId(), offence.offenceId(), offence.offenceDate(),
                            offence.offenceCategory(), offence.gravityScore(), offence.admitted(), recordedAt)
                    .update();
        } else if (payload instanceof OutcomeRecorded outcome) {
            jdbc.sql("""
                            INSERT INTO kpi_outcome (event_id, child_id, offence_id, outcome_code, outcome_date,
                                                     panel_decision_id, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), outcome.childId(), outcome.offenceId(), outcome.outcomeCode(),
                            outcome.outcomeDate(), outcome.panelDecisionId(), recordedAt)
                    .update();
        } else if (payload instanceof PanelDecisionRecorded decision) {
            jdbc.sql("""
                            INSERT INTO kpi_panel_decision (event_id, decision_id, panel_id, child_id, offence_id,
                                                            outcome_code, decision_date, recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(event.eventId(), decision.decisionId(), decision.panelId(), decision.childId(),
                            decision.offenceId(), decision.outcomeCode(), decision.decisionDate(), recordedAt)
                    .update();
        }
        // A contract this read model does not use yet is only marked processed; a rebuild applies it once it does.
    }

    private static final class Required {
        private final List<String> missing = new ArrayList<>();

        Required check(String field, Object value) {
            if (value == null || value instanceof String text && text.isBlank()) {
                missing.add(field);
            }
            return this;
        }
    }
}
