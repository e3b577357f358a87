package org.openyjs.kpi.readmodel;

import org.openyjs.support.web.DomainRefusal;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which youth justice services a figure's {@code service} stands for: one service, a named partnership
 * ({@code kpi.partnerships}, e.g. {@code partnership} = Leicester City and Leicestershire, which share the
 * out-of-court panel) or a comma-separated list. A partnership figure counts each child once (for whichever
 * of its services the child counts for on the day) and sums the services' populations.
 */
@ConfigurationProperties("kpi")
public record ServiceScope(Map<String, List<String>> partnerships) {

    public ServiceScope {
        partnerships = partnerships == null ? Map.of() : Map.copyOf(partnerships);
    }

    /** The member services, in the order given; a single service is a list of one. */
    public List<String> services(String service) {
        if (service == null || service.isBlank() || service.replace(",", "").isBlank()) {
            throw new DomainRefusal("service", "is required, e.g. leicester-city, partnership or leicester-city,leicestershire");
        }
        List<String> named = partnerships.get(service.strip().toLowerCase(Locale.ROOT));
        if (named != null) {
            return List.copyOf(named);
        }
        return Arrays.stream(service.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /**
     * SQL: the candidate children (alias {@code c}, a kpi_child) of the services bound as {@code :services}:
     * registered with one of them, or transferred to or from one of them.
     */
    public static final String CANDIDATE = """
            (c.youth_justice_service IN (:services) OR (c.transferred AND EXISTS (
                SELECT 1 FROM kpi_transfer t WHERE t.child_id = c.child_id AND t.youth_justice_service IN (:services))))""";

    /**
     * SQL: the rows of a precomputed table (with the child's child_id, home_service and transferred copied in) of the
     * children {@code :services} counted on each row's {@code day} (as {@link #responsibleOn(String, String)}), that
     * meet {@code condition}, as rows of {@code alias}. Two parts, the children never transferred (their registration
     * decides) and those transferred, rather than an OR of them: the first, nearly all rows, can then be read from a
     * covering index on home_service alone, which an OR of two indexes (a bitmap) cannot.
     */
    public static String candidateRows(String table, String alias, String day, String condition) {
        return "SELECT * FROM " + table + " " + alias + " WHERE NOT " + alias + ".transferred AND " + alias
                + ".home_service IN (:services) AND " + condition + " UNION ALL SELECT * FROM " + table + " " + alias
                + " WHERE " + alias + ".transferred AND (" + alias + ".home_service IN (:services) OR EXISTS (SELECT 1 "
                + "FROM kpi_transfer t WHERE t.child_id = " + alias + ".child_id AND t.youth_justice_service IN "
                + "(:services))) AND " + responsibleOn(alias, day) + " AND " + condition;
    }

    /**
     * SQL: whether child {@code c} counts for one of {@code :services} on the day given, as known before
     * {@code :recordedBefore}. A child never transferred is decided by its registration without calling
     * kpi_responsible (a function with subqueries is not inlined: called per row it would cost every query).
     */
    public static String responsibleOn(String day) {
        return "((NOT c.transferred AND c.youth_justice_service IN (:services)) OR (c.transferred AND "
                + "kpi_responsible(c.child_id, c.youth_justice_service, c.transferred, ARRAY[:services]::text[], " + day
                + ", :recordedBefore)))";
    }

    /** Likewise for a row {@code alias} that carries child_id, home_service and transferred. */
    public static String responsibleOn(String alias, String day) {
        return "((NOT " + alias + ".transferred AND " + alias + ".home_service IN (:services)) OR (" + alias
                + ".transferred AND kpi_responsible(" + alias + ".child_id, " + alias + ".home_service, " + alias
                + ".transferred, ARRAY[:services]::text[], " + day + ", :recordedBefore)))";
    }
}
