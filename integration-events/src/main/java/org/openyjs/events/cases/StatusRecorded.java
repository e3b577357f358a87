package org.openyjs.events.cases;

import org.openyjs.events.IntegrationPayload;

import java.time.LocalDate;

/**
 * A child's circumstances at the start or the end of an intervention or order: what YJB KPIs 1 to 5
 * and 7 are counted from. A later snapshot for the same order and point supersedes an earlier one.
 *
 * @param point START or END
 */
public record StatusRecorded(
        String childId,
        String orderId,
        String point,
        LocalDate assessedOn,
        Accommodation accommodation,
        Ete ete,
        Send send,
        Need mentalHealth,
        Need substanceMisuse,
        WiderServices widerServices) implements IntegrationPayload {

    /** @param type e.g. FAMILY_HOME, SUPPORTED, CARE_PLACEMENT, SECURE, BED_AND_BREAKFAST, NO_FIXED_ABODE */
    public record Accommodation(boolean suitable, String type) {
    }

    /**
     * Education, training or employment.
     *
     * @param status FULL_TIME, PART_TIME or NEET (not in education, employment or training)
     */
    public record Ete(boolean schoolAge, Integer hoursOffered, Integer hoursAttended, String status,
                      boolean suitable) {
    }

    /** Special educational needs and disabilities (additional learning needs in Wales). */
    public record Send(boolean identifiedNeed, boolean formalPlan) {
    }

    /** A need and the response to it: the funnel KPIs 4 and 5 count. */
    public record Need(boolean screenedOrIdentifiedNeed, boolean interventionPlannedOrOffered, boolean attending) {
    }

    /** Other services the child is known to: KPI 7. */
    public record WiderServices(boolean lookedAfter, boolean childProtectionPlan, boolean childInNeedPlan,
                                boolean earlyHelp) {
    }
}
