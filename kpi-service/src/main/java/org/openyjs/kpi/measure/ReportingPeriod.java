package org.openyjs.kpi.measure;

import org.openyjs.support.web.DomainRefusal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period by business date, both ends inclusive, with the name it was asked by (null when
 * asked by dates). Names, as the YJB and the seeds use them (financial year April to March):
 * <ul>
 *   <li>{@code FY2023-24}: 1 April 2023 to 31 March 2024</li>
 *   <li>{@code 2023-24-Q1} .. {@code 2023-24-Q4}: financial-year quarters, Q1 = April-June 2023,
 *       Q4 = January-March 2024</li>
 *   <li>{@code CY2023}: calendar year 2023</li>
 *   <li>{@code R12-2024-03}: the rolling 12 months ending with March 2024 (1 April 2023 to 31 March 2024)</li>
 * </ul>
 */
public record ReportingPeriod(LocalDate from, LocalDate to, String name) {

    private static final Pattern FINANCIAL_YEAR = Pattern.compile("FY(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-(\\d{2})-Q([1-4])");
    private static final Pattern CALENDAR_YEAR = Pattern.compile("CY(\\d{4})");
    private static final Pattern ROLLING_12 = Pattern.compile("R12-(\\d{4})-(\\d{2})");
    public static final String NAMES = "FY2023-24, 2023-24-Q1 (April-June 2023), CY2023 or R12-2024-03 "
            + "(12 months ending March 2024)";

    public ReportingPeriod {
        if (from == null) {
            throw new DomainRefusal("from", "is required (yyyy-MM-dd), or give period=" + NAMES);
        }
        if (to == null) {
            throw new DomainRefusal("to", "is required (yyyy-MM-dd), or give period=" + NAMES);
        }
        if (from.isAfter(to)) {
            throw new DomainRefusal("from", "must be on or before to (" + to + ")");
        }
    }

    public ReportingPeriod(LocalDate from, LocalDate to) {
        this(from, to, null);
    }

    /** From either a period name or from/to dates, not both. */
    public static ReportingPeriod of(String name, LocalDate from, LocalDate to) {
        if (name == null || name.isBlank()) {
            return new ReportingPeriod(from, to);
        }
        if (from != null || to != null) {
            throw new DomainRefusal("period", "give either period or from and to, not both");
        }
        return named(name);
    }

    public static ReportingPeriod named(String name) {
        String text = name.strip().toUpperCase(Locale.ROOT);
        Matcher m;
        if ((m = FINANCIAL_YEAR.matcher(text)).matches()) {
            int start = financialYearStart(m.group(1), m.group(2), name);
            return new ReportingPeriod(LocalDate.of(start, 4, 1), LocalDate.of(start + 1, 3, 31), text);
        }
        if ((m = QUARTER.matcher(text)).matches()) {
            int start = financialYearStart(m.group(1), m.group(2), name);
            LocalDate first = LocalDate.of(start, 4, 1).plusMonths(3L * (Integer.parseInt(m.group(3)) - 1));
            return new ReportingPeriod(first, first.plusMonths(3).minusDays(1), text);
        }
        if ((m = CALENDAR_YEAR.matcher(text)).matches()) {
            int year = Integer.parseInt(m.group(1));
            return new ReportingPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), text);
        }
        if ((m = ROLLING_12.matcher(text)).matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw new DomainRefusal("period", "'" + name + "': month " + m.group(2) + " is not 01-12");
            }
            YearMonth last = YearMonth.of(Integer.parseInt(m.group(1)), month);
            return new ReportingPeriod(last.minusMonths(11).atDay(1), last.atEndOfMonth(), text);
        }
        throw new DomainRefusal("period", "'" + name + "' is not a period name; use " + NAMES);
    }

    private static int financialYearStart(String start, String end, String name) {
        int year = Integer.parseInt(start);
        if (Integer.parseInt(end) != (year + 1) % 100) {
            throw new DomainRefusal("period", "'" + name + "': a financial year runs from one year into the next, e.g. "
                    + year + "-" + String.format("%02d", (year + 1) % 100));
        }
        return year;
    }

    /** The same period one year earlier, the comparison the published tables make. */
    public ReportingPeriod sameTimeLastYear() {
        return new ReportingPeriod(from.minusYears(1), to.minusYears(1), null);
    }

    /** Whether the figures can still change: the period is not over yet on {@code today}. */
    public boolean openOn(LocalDate today) {
        return !to.isBefore(today);
    }
}
