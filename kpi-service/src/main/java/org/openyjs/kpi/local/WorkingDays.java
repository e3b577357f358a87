package org.openyjs.kpi.local;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Working days in England and Wales, as panel-service counts them: Monday to Friday except the bank
 * holidays in {@code kpi.working-days.bank-holidays} (reference data, gov.uk/bank-holidays).
 */
@ConfigurationProperties("kpi.working-days")
public record WorkingDays(List<LocalDate> bankHolidays) {

    public WorkingDays {
        bankHolidays = bankHolidays == null ? List.of() : List.copyOf(bankHolidays);
    }

    public boolean isWorkingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !Set.copyOf(bankHolidays).contains(day);
    }

    /** Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after it. */
    public int between(LocalDate from, LocalDate to) {
        Set<LocalDate> holidays = Set.copyOf(bankHolidays);
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                    && !holidays.contains(day)) {
                count++;
            }
        }
        return count;
    }
}
