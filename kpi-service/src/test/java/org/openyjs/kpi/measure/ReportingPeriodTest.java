package org.openyjs.kpi.measure;

import org.junit.jupiter.api.Test;
import org.openyjs.support.web.DomainRefusal;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportingPeriodTest {

    private static final LocalDate APRIL_1 = LocalDate.of(2023, 4, 1);
    private static final LocalDate MARCH_31 = LocalDate.of(2024, 3, 31);

    @Test
    void fromAfterToIsRefusedNamingFrom() {
        assertThatThrownBy(() -> new ReportingPeriod(MARCH_31, APRIL_1))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("from"));
    }

    @Test
    void missingEndsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new ReportingPeriod(null, MARCH_31))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> new ReportingPeriod(APRIL_1, null))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("to"));
    }

    @Test
    void aOneDayPeriodIsAllowed() {
        assertThat(new ReportingPeriod(APRIL_1, APRIL_1).from()).isEqualTo(APRIL_1);
    }

    @Test
    void openUntilItsLastDayHasPassed() {
        ReportingPeriod year = new ReportingPeriod(APRIL_1, MARCH_31);
        assertThat(year.openOn(LocalDate.of(2024, 3, 30))).isTrue();
        assertThat(year.openOn(MARCH_31)).as("the last day can still gain outcomes").isTrue();
        assertThat(year.openOn(LocalDate.of(2024, 4, 1))).isFalse();
    }
}
