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

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} = {1} to {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "FY2023-24,   2023-04-01, 2024-03-31",
            "fy1999-00,   1999-04-01, 2000-03-31",
            "2023-24-Q1,  2023-04-01, 2023-06-30",
            "2023-24-Q2,  2023-07-01, 2023-09-30",
            "2023-24-Q3,  2023-10-01, 2023-12-31",
            "2023-24-Q4,  2024-01-01, 2024-03-31",
            "CY2023,      2023-01-01, 2023-12-31",
            "R12-2024-03, 2023-04-01, 2024-03-31",
            "R12-2024-02, 2023-03-01, 2024-02-29"
    })
    void namedPeriods(String name, LocalDate from, LocalDate to) {
        ReportingPeriod period = ReportingPeriod.named(name);
        assertThat(period.from()).isEqualTo(from);
        assertThat(period.to()).isEqualTo(to);
        assertThat(period.name()).isEqualTo(name.toUpperCase());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"FY2023-25", "2023-Q1", "2023-24-Q5", "R12-2024-13", "2023", ""})
    void badNamesAreRefusedNamingPeriod(String name) {
        assertThatThrownBy(() -> ReportingPeriod.named(name))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("period"));
    }

    @Test
    void aNameOrDatesNotBoth() {
        assertThat(ReportingPeriod.of("FY2023-24", null, null)).isEqualTo(new ReportingPeriod(APRIL_1, MARCH_31, "FY2023-24"));
        assertThat(ReportingPeriod.of(null, APRIL_1, MARCH_31)).isEqualTo(new ReportingPeriod(APRIL_1, MARCH_31));
        assertThatThrownBy(() -> ReportingPeriod.of("FY2023-24", APRIL_1, null))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("period"));
    }

    @Test
    void sameTimeLastYear() {
        assertThat(ReportingPeriod.named("FY2023-24").sameTimeLastYear())
                .isEqualTo(new ReportingPeriod(LocalDate.of(2022, 4, 1), LocalDate.of(2023, 3, 31)));
        // A period ending on 29 February compares with one ending on 28 February.
        assertThat(ReportingPeriod.named("R12-2024-02").sameTimeLastYear())
                .isEqualTo(new ReportingPeriod(LocalDate.of(2022, 3, 1), LocalDate.of(2023, 2, 28)));
    }
}
