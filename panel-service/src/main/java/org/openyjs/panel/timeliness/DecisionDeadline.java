package org.openyjs.panel.timeliness;

import org.openyjs.support.calendar.WorkingDays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * When the panel's decision on a referral is due: {@code panel.timeliness.decision-due-working-days} working days
 * after the referral, counted on the shared calendar ({@code yjs.calendar.bank-holidays}), which kpi-service's
 * panel timeliness KPI counts on too.
 *
 * @param workingDays how many working days after the referral the decision is due
 * @param calendar    the working days of England and Wales
 */
@Component
public record DecisionDeadline(@Value("${panel.timeliness.decision-due-working-days}") int workingDays,
                               WorkingDays calendar) {

    /** The decision's due date for a referral made on {@code referralDate}. */
    public LocalDate due(LocalDate referralDate) {
        return calendar.plusWorkingDays(referralDate, workingDays);
    }

    /** Working days after the referral up to and including the decision's day. */
    public int workingDaysTaken(LocalDate referralDate, LocalDate decisionDate) {
        return calendar.between(referralDate, decisionDate);
    }
}
