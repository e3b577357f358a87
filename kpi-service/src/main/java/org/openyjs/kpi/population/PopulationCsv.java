package org.openyjs.kpi.population;

import org.openyjs.support.web.DomainRefusal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the mid-year estimates CSV: a header {@code service,year,age,sex,ethnicity,count}, then one
 * row per cell; blank lines and lines starting with {@code #} are skipped. The whole file is refused
 * on the first bad line (naming it), so a half-read file never replaces good figures.
 */
public final class PopulationCsv {

    static final String HEADER = "service,year,age,sex,ethnicity,count";
    public static final Set<String> SEXES = Set.of("FEMALE", "MALE");
    public static final Set<String> ETHNIC_GROUPS = Set.of("WHITE", "MIXED", "ASIAN", "BLACK", "OTHER");

    private PopulationCsv() {
    }

    /** One cell of the estimates. */
    public record Estimate(String service, int year, int age, String sex, String ethnicity, int count) {
    }

    public static List<Estimate> read(Reader source) {
        List<Estimate> estimates = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        try (BufferedReader lines = new BufferedReader(source)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!trimmed.replace(" ", "").equalsIgnoreCase(HEADER)) {
                        throw refused(lineNumber, "expected the header '" + HEADER + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                Estimate estimate = parse(trimmed, lineNumber);
                if (!seen.add(List.of(estimate.service(), estimate.year(), estimate.age(), estimate.sex(),
                        estimate.ethnicity()))) {
                    throw refused(lineNumber, "repeats an earlier row's service, year, age, sex and ethnicity");
                }
                estimates.add(estimate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (estimates.isEmpty()) {
            throw new DomainRefusal("csv", "no estimates: expected the header '" + HEADER + "' and at least one row");
        }
        return estimates;
    }

    private static Estimate parse(String line, int lineNumber) {
        String[] cells = line.split(",", -1);
        if (cells.length != 6) {
            throw refused(lineNumber, "expected 6 columns (" + HEADER + "), found " + cells.length);
        }
        String service = cells[0].strip();
        if (service.isEmpty()) {
            throw refused(lineNumber, "service is empty");
        }
        int year = number(cells[1], "year", lineNumber, 1900, 2200);
        int age = number(cells[2], "age", lineNumber, 0, 120);
        String sex = code(cells[3], "sex", SEXES, lineNumber);
        String ethnicity = code(cells[4], "ethnicity", ETHNIC_GROUPS, lineNumber);
        int count = number(cells[5], "count", lineNumber, 0, Integer.MAX_VALUE);
        return new Estimate(service, year, age, sex, ethnicity, count);
    }

    private static int number(String cell, String column, int lineNumber, int min, int max) {
        try {
            int value = Integer.parseInt(cell.strip());
            if (value < min || value > max) {
                throw refused(lineNumber, column + " " + value + " is outside " + min + "-" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw refused(lineNumber, column + " '" + cell.strip() + "' is not a whole number");
        }
    }

    private static String code(String cell, String column, Set<String> allowed, int lineNumber) {
        String value = cell.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw refused(lineNumber, column + " '" + cell.strip() + "' is not one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    private static DomainRefusal refused(int lineNumber, String message) {
        return new DomainRefusal("csv", "line " + lineNumber + ": " + message);
    }
}
