package org.openyjs.kpi.population;

import org.openyjs.kpi.population.PopulationCsv.Estimate;
import org.openyjs.kpi.readmodel.ServiceScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The loaded mid-year estimates: denominators for every rate and for the relative rate index. */
@Component
public class PopulationEstimates {

    public static final int YOUNGEST = 10;
    public static final int OLDEST = 17;
    private static final MonthDay MID_YEAR = MonthDay.of(6, 30);

    private final JdbcClient jdbc;

    private final ServiceScope scope;

    public PopulationEstimates(JdbcClient jdbc, ServiceScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** The 10-17 population a period's rates use, the year of the estimate, and how it was chosen. */
    public record Population(long tenToSeventeen, int year, String basis) {
    }

    /** One service-year's 10-17 cell: what a breakdown's group denominators are summed from. */
    public record Cell(int age, String sex, String ethnicity, long count) {
    }

    /** A loaded service-year, for the listing. */
    public record LoadedYear(String service, int year, long tenToSeventeen, String source) {
    }

    public SortedSet<String> services() {
        return new TreeSet<>(jdbc.sql("SELECT DISTINCT youth_justice_service FROM population_estimate")
                .query(String.class).list());
    }

    /**
     * The estimate for the latest 30 June on or before the period's end (FY2023-24 and CY2023 use
     * mid-2023; Jan-Mar 2024 too). If that year is not loaded, the nearest earlier loaded year, else
     * the earliest; the basis says which, so a figure is never silently on the wrong year.
     */
    public Optional<Population> forPeriodEnding(String service, LocalDate periodEnd) {
        int wanted = MID_YEAR.atYear(periodEnd.getYear()).isAfter(periodEnd) ? periodEnd.getYear() - 1 : periodEnd.getYear();
        Map<Integer, Long> totals = totalsByYear(service);
        if (totals.isEmpty()) {
            return Optional.empty();
        }
        int year = totals.keySet().stream().filter(y -> y <= wanted).max(Comparator.naturalOrder())
                .orElseGet(() -> totals.keySet().stream().min(Comparator.naturalOrder()).orElseThrow());
        long count = totals.get(year);
        String basis = "10-17 population " + count + " (mid-" + year + " estimate"
                + (year == wanted ? "" : "; mid-" + wanted + " not loaded") + ")";
        return Optional.of(new Population(count, year, basis));
    }

    /** The 10-17 cells of the service (of every member of a partnership) for the year. */
    public List<Cell> cells(String service, int year) {
        return jdbc.sql("""
                        SELECT age, sex, ethnicity, count FROM population_estimate
                        WHERE youth_justice_service IN (:services) AND year = :year AND age BETWEEN :youngest AND :oldest
                        """)
                .param("services", scope.services(service)).param("year", year).param("youngest", YOUNGEST)
                .param("oldest", OLDEST)
                .query((rs, n) -> new Cell(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    public List<LoadedYear> loaded() {
        return jdbc.sql("""
                        SELECT youth_justice_service, year,
                               sum(count) FILTER (WHERE age BETWEEN ? AND ?) AS ten_to_seventeen, min(source) AS source
                        FROM population_estimate GROUP BY youth_justice_service, year ORDER BY 1, 2
                        """)
                .params(YOUNGEST, OLDEST)
                .query((rs, n) -> new LoadedYear(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)))
                .list();
    }

    /**
     * Loads the estimates, one transaction for the whole file. {@code replace}: every service-year in
     * the file replaces what was loaded for it (an upload of revised figures). Otherwise only
     * service-years not loaded yet are added (the file read at start never overwrites an upload).
     * Returns the service-years written.
     */
    @Transactional
    public SortedSet<String> load(List<Estimate> estimates, String source, boolean replace) {
        Map<String, List<Estimate>> byServiceYear = estimates.stream()
                .collect(Collectors.groupingBy(e -> e.service() + " " + e.year()));
        SortedSet<String> written = new TreeSet<>();
        byServiceYear.forEach((key, rows) -> {
            String service = rows.get(0).service();
            int year = rows.get(0).year();
            if (replace) {
                jdbc.sql("DELETE FROM population_estimate WHERE youth_justice_service = ? AND year = ?")
                        .params(service, year).update();
            } else if (jdbc.sql("SELECT count(*) FROM population_estimate WHERE youth_justice_service = ? AND year = ?")
                    .params(service, year).query(Long.class).single() > 0) {
                return;
            }
            for (Estimate e : rows) {
                // DO NOTHING: two replicas starting together both seed the same year; the first one wins.
                jdbc.sql("""
                                INSERT INTO population_estimate (youth_justice_service, year, age, sex, ethnicity, count, source)
                                VALUES (?, ?, ?, ?, ?, ?, ?)
                                ON CONFLICT DO NOTHING
                                """)
                        .params(e.service(), e.year(), e.age(), e.sex(), e.ethnicity(), e.count(), source).update();
            }
            written.add(key);
        });
        return written;
    }

    /** 10-17 totals by year; for several services (a partnership) summed, only the years every one has. */
    private Map<Integer, Long> totalsByYear(String service) {
        List<String> services = scope.services(service);
        return jdbc.sql("""
                        SELECT year, sum(count) FROM population_estimate
                        WHERE youth_justice_service IN (:services) AND age BETWEEN :youngest AND :oldest GROUP BY year
                        HAVING count(DISTINCT youth_justice_service) = :members
                        """)
                .param("services", services).param("youngest", YOUNGEST).param("oldest", OLDEST)
                .param("members", services.size())
                .query((rs, n) -> Map.entry(rs.getInt(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
