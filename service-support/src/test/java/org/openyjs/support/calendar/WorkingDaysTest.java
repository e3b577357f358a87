package org.openyjs.support.calendar;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingDaysTest {

    private final WorkingDays calendar = new WorkingDays(List.of(
            LocalDate.of(2024, 1, 1), LocalDate.of(2023, 12, 26), LocalDate.of(2023, 12, 25)));

    @Test
    void weekends_and_bank_holidays_are_not_working_days() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2023, 12, 22))).as("Friday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2023, 12, 23))).as("Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2023, 12, 25))).as("Christmas Day").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2023, 12, 27))).isTrue();
    }

    @Test
    void counting_forwards_and_between_agree() {
        LocalDate friday = LocalDate.of(2023, 12, 22);
        LocalDate due = calendar.plusWorkingDays(friday, 3);
        assertThat(due).isEqualTo(LocalDate.of(2023, 12, 29));
        assertThat(calendar.between(friday, due)).isEqualTo(3);
        assertThat(calendar.between(due, friday)).isZero();
    }

    @Test
    void every_service_gets_the_holidays_of_the_shared_defaults() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CalendarAutoConfiguration.class))
                .withPropertyValues("yjs.calendar.bank-holidays=2026-12-25,2026-12-28")
                .run(context -> assertThat(context.getBean(WorkingDays.class).bankHolidays())
                        .containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28)));
    }
}
