package org.openyjs.kpi.population;

import org.junit.jupiter.api.Test;
import org.openyjs.kpi.population.PopulationCsv.Estimate;
import org.openyjs.support.web.DomainRefusal;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PopulationCsvTest {

    @Test
    void readsRowsSkippingCommentsAndBlankLines() {
        List<Estimate> rows = PopulationCsv.read(new StringReader("""
                # mid-2023
                service,year,age,sex,ethnicity,count

                leicester-city,2023,10,female,White,986
                leicester-city, 2023, 17, MALE, BLACK, 12
                """));
        assertThat(rows).containsExactly(new Estimate("leicester-city", 2023, 10, "FEMALE", "WHITE", 986),
                new Estimate("leicester-city", 2023, 17, "MALE", "BLACK", 12));
    }

    @Test
    void theSampleFileAddsUpToThePopulationsThePublishedRatesImply() throws Exception {
        List<Estimate> rows = PopulationCsv.read(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/population/mid-year-estimates.csv")), StandardCharsets.UTF_8));
        for (int year : new int[] {2022, 2023}) {
            assertThat(total(rows, "leicester-city", year)).as("Leicester City %d", year).isEqualTo(40_909);
            assertThat(total(rows, "leicestershire", year)).as("Leicestershire %d", year).isEqualTo(71_500);
        }
    }

    @Test
    void aBadLineRefusesTheWholeFileNamingTheLine() {
        assertRefused("service,year,age,sex,ethnicity,count\nleicester-city,2023,10,FEMALE,WHITE,ten\n", "line 2: count");
        assertRefused("service,year,age,sex,ethnicity,count\nleicester-city,2023,10,F,WHITE,1\n", "line 2: sex");
        assertRefused("service,year,age,sex,ethnicity,count\nleicester-city,2023,10,FEMALE,PURPLE,1\n", "line 2: ethnicity");
        assertRefused("service,year,age,sex,ethnicity,count\nleicester-city,2023,10,FEMALE,WHITE\n", "line 2: expected 6");
        assertRefused("service,year,age,sex,ethnicity,count\nleicester-city,2023,10,FEMALE,WHITE,-1\n", "line 2: count -1");
        assertRefused("""
                service,year,age,sex,ethnicity,count
                leicester-city,2023,10,FEMALE,WHITE,1
                leicester-city,2023,10,FEMALE,WHITE,2
                """, "line 3: repeats");
        assertRefused("year,service,age,sex,ethnicity,count\n", "line 1: expected the header");
        assertRefused("# nothing\n", "no estimates");
    }

    private static void assertRefused(String csv, String message) {
        assertThatThrownBy(() -> PopulationCsv.read(new StringReader(csv)))
                .isInstanceOfSatisfying(DomainRefusal.class, e -> {
                    assertThat(e.field()).isEqualTo("csv");
                    assertThat(e.getMessage()).startsWith(message);
                });
    }

    private static long total(List<Estimate> rows, String service, int year) {
        return rows.stream().filter(r -> r.service().equals(service) && r.year() == year && r.age() >= 10 && r.age() <= 17)
                .mapToLong(Estimate::count).sum();
    }
}
