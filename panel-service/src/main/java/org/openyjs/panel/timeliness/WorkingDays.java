package org.openyjs.panel.timeliness;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days in England and Wales: Monday to Friday except bank holidays, which are reference data
 * in configuration ({@code panel.timeliness.bank-holidays}), not computed: one-off holidays (a coronation,
 * a state funeral) are announced, not derivable.
 *
 * @param decisionDueWorkingDays how many working days after the referral the panel's decision is due
 */
@ConfigurationProperties("panel.timeliness")
public record WorkingDays(int decisionDueWorkingDays, List<LocalDate> bankHolidays) {

    public WorkingDays {
        bankHolidays = List.copyOf(new TreeSet<>(bankHolidays == null ? List.of() : bankHolidays));
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays().contains(day);
    }

    /** The day {@code days} working days after {@code from} (the day itself not counted). */
    public LocalDate plusWorkingDays(LocalDate from, int days) {
        LocalDate day = from;
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The decision's due date for a referral made on {@code referralDate}. */
    public LocalDate decisionDue(LocalDate referralDate) {
        return plusWorkingDays(referralDate, decisionDueWorkingDays);
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
    public int between(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    private Set<LocalDate> holidays() {
        return Set.copyOf(bankHolidays);
    }
}
