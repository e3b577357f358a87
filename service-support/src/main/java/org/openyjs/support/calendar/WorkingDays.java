package org.openyjs.support.calendar;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days in England and Wales: Monday to Friday except bank holidays. The holidays are reference data in
 * {@code yjs.calendar.bank-holidays} (yjs-service-defaults.yml, gov.uk/bank-holidays), not computed: one-off
 * holidays (a coronation, a state funeral) are announced, not derivable. One list for every service, so the panel's
 * due dates and the KPI that checks them count the same days.
 */
@ConfigurationProperties("yjs.calendar")
public record WorkingDays(List<LocalDate> bankHolidays) {

    public WorkingDays {
        bankHolidays = List.copyOf(new TreeSet<>(bankHolidays == null ? List.of() : bankHolidays));
    }

    public boolean isWorkingDay(LocalDate day) {
        return isWorkingDay(day, Set.copyOf(bankHolidays));
    }

    /** The day {@code days} working days after {@code from} (the day itself not counted). */
    public LocalDate plusWorkingDays(LocalDate from, int days) {
        Set<LocalDate> holidays = Set.copyOf(bankHolidays);
        LocalDate day = from;
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day, holidays)) {
                counted++;
            }
        }
        return day;
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
    public int between(LocalDate from, LocalDate to) {
        Set<LocalDate> holidays = Set.copyOf(bankHolidays);
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day, holidays)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isWorkingDay(LocalDate day, Set<LocalDate> holidays) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }
}
