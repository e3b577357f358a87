package org.openyjs.kpi.breakdown;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.support.web.DomainRefusal;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DimensionTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(value = {
            "WHITE_BRITISH, WHITE", "WHITE_IRISH, WHITE", "MIXED_WHITE_AND_BLACK_CARIBBEAN, MIXED",
            "ASIAN_INDIAN, ASIAN", "BLACK_AFRICAN, BLACK", "ARAB, OTHER", "OTHER_ETHNIC_GROUP, OTHER",
            "ANY_OTHER_ETHNIC_GROUP, OTHER", "NOT_STATED, NOT_RECORDED", "'', NOT_RECORDED", "asian, ASIAN"})
    void detailedEthnicityFallsInItsOnsGroup(String code, String group) {
        assertThat(Dimension.ethnicGroup(code)).isEqualTo(group);
    }

    @ParameterizedTest(name = "aged {0}: {1}")
    @CsvSource({"9, UNDER_10", "10, 10-14", "14, 10-14", "15, 15-17", "17, 15-17", "18, 18_AND_OVER"})
    void ageBands(int age, String band) {
        assertThat(Dimension.ageBand(age)).isEqualTo(band);
    }

    @Test
    void ageBandIsTheAgeOnTheOutcomeDate() {
        Counted turned15 = new Counted("c", "e", "YOUTH_CAUTION", LocalDate.of(2023, 6, 1), null,
                LocalDate.of(2008, 6, 1), "MALE", "WHITE_BRITISH");
        assertThat(Dimension.AGE_BAND.groupOf(turned15)).isEqualTo("15-17");
        assertThat(Dimension.SEX.groupOf(turned15)).isEqualTo("MALE");
        assertThat(Dimension.LOOKED_AFTER.groupOf(turned15)).isEqualTo(Dimension.NOT_RECORDED);
        assertThat(Dimension.SEND.groupOf(turned15)).isEqualTo(Dimension.NOT_RECORDED);
    }

    @Test
    void unknownBreakdownIsRefusedNamingBy() {
        assertThat(Dimension.of("age-band")).isEqualTo(Dimension.AGE_BAND);
        assertThatThrownBy(() -> Dimension.of("religion"))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> assertThat(e.field()).isEqualTo("by"));
    }
}
