package org.openyjs.kpi.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Empties everything derived from the topics, so a replay starts from nothing. */
@Component
public class ReadModelReset {

    private final JdbcClient jdbc;

    public ReadModelReset(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement, one transaction: the facts and processed_event go together, so no event is
     * considered applied without its facts. rejected_message stays: it is keyed by position, so the
     * replay finds the same records again without noting them twice.
     */
    @Transactional
    public void clear() {
        jdbc.sql("TRUNCATE kpi_child, kpi_offence, kpi_outcome, kpi_panel_decision, kpi_outcome_correction, kpi_order, "
                + "kpi_status, kpi_victim_contact, kpi_oocd_referral, kpi_custody_entry, kpi_custody_release, "
                + "kpi_resettlement_referral, kpi_transfer, kpi_case_change, kpi_case_audit, kpi_arrest, "
                + "kpi_prevention_referral, kpi_psr, kpi_remand, kpi_home_visit, kpi_assessment, kpi_panel_amendment, "
                + "kpi_ycc_not_completed, kpi_effective_outcome, kpi_first_entry, kpi_case_closed, kpi_ended_order, "
                + "kpi_effective_victim_contact, kpi_reoffending_index, kpi_reoffence, kpi_looked_after_spell, "
                + "processed_event").update();
    }
}
