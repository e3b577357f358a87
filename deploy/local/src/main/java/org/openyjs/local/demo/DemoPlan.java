package org.openyjs.local.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * The demo dataset, decided before anything is sent: children with their offences and outcomes,
 * and one out-of-court panel deciding three offences that are still awaiting an outcome.
 */
record DemoPlan(List<Child> children, Panel panel) {

    record Child(String childId, String youthJusticeService, String localAuthority, LocalDate dateOfBirth,
                 String sex, String ethnicity, List<Offence> offences) {
    }

    /** outcome is null for an offence waiting for the panel. */
    record Offence(String offenceId, LocalDate offenceDate, String offenceCategory, int gravityScore,
                   boolean admitted, Outcome outcome) {
    }

    record Outcome(String code, LocalDate date) {
    }

    record Panel(String panelId, LocalDate meetingDate, List<Decision> decisions) {
    }

    /** @param conditions a youth conditional caution's conditions, empty for other outcomes */
    record Decision(String childId, String offenceId, LocalDate offenceDate, String youthJusticeService,
                    String outcomeCode, String rationale, List<String> conditions) {
    }

    /** Always the same plan: the generator is seeded. */
    static DemoPlan generate() {
        return new DemoPlanGenerator().plan();
    }
}
