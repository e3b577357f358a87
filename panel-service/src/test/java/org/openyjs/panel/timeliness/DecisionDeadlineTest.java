package org.openyjs.panel.timeliness;

import org.junit.jupiter.api.Test;
import org.openyjs.support.calendar.WorkingDays;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionDeadlineTest {

    /** Christmas 2023 and New Year 2024 as England and Wales observe them. */
    private final DecisionDeadline deadline = new DecisionDeadline(15, new WorkingDays(List.of(
            LocalDate.of(2023, 12, 25), LocalDate.of(2023, 12, 26), LocalDate.of(2024, 1, 1))));

    @Test
    void fifteen_working_days_from_a_monday_is_three_weeks_later() {
        assertThat(deadline.due(LocalDate.of(2023, 11, 6))).isEqualTo(LocalDate.of(2023, 11, 27));
    }

    @Test
    void bank_holidays_and_weekends_do_not_count() {
        // Referred Friday 15 December 2023: 25, 26 December and 1 January are bank holidays.
        assertThat(deadline.due(LocalDate.of(2023, 12, 15))).isEqualTo(LocalDate.of(2024, 1, 10));
    }

    @Test
    void working_days_between_referral_and_decision() {
        assertThat(deadline.workingDaysTaken(LocalDate.of(2023, 12, 15), LocalDate.of(2024, 1, 10))).isEqualTo(15);
        assertThat(deadline.workingDaysTaken(LocalDate.of(2023, 12, 22), LocalDate.of(2023, 12, 27))).isEqualTo(1);
        assertThat(deadline.workingDaysTaken(LocalDate.of(2024, 1, 10), LocalDate.of(2024, 1, 10))).isZero();
    }
}
