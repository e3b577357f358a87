package org.openyjs.kpi.breakdown;

import org.openyjs.kpi.population.PopulationEstimates.Cell;
import org.openyjs.kpi.readmodel.Counted;
import org.openyjs.support.web.DomainRefusal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a figure can be broken down by: how a counted unit and a population cell fall into groups.
 * A group the population estimates do not split by (looked-after, SEND, not recorded) has no
 * denominator, so no rate and no relative rate index.
 */
public enum Dimension {

    SEX("sex", List.of("FEMALE", "MALE"), c -> known(c.sex(), List.of("FEMALE", "MALE")), Cell::sex),
    /** ONS 5+1 groups; the child's detailed code (e.g. WHITE_BRITISH) is grouped by its prefix. */
    ETHNICITY("ethnicity", List.of("WHITE", "MIXED", "ASIAN", "BLACK", "OTHER"), c -> ethnicGroup(c.ethnicity()),
            Cell::ethnicity),
    /** The bands the YJB publishes, by age on the counted outcome's date. */
    AGE_BAND("age-band", List.of("10-14", "15-17"), c -> ageBand(c.ageOnOutcomeDate()), cell -> ageBand(cell.age())),
    /**
     * From the child's latest StatusRecorded with a looked-after answer (wider services) assessed by the period's
     * end: {@link BreakdownCalculator} looks it up; the unit alone does not carry it.
     */
    LOOKED_AFTER("looked-after", List.of("LOOKED_AFTER", "NOT_LOOKED_AFTER", Dimension.NOT_RECORDED),
            c -> Dimension.NOT_RECORDED, cell -> null),
    /** From the latest StatusRecorded with a SEND answer (identified need), likewise. */
    SEND("send", List.of("SEND", "NO_SEND", Dimension.NOT_RECORDED), c -> Dimension.NOT_RECORDED, cell -> null),
    /** A board seat's statutory partner (YJB KPI 8): each partner's own attendance share. */
    PARTNER("partner", List.of(), c -> c.outcomeCode() == null ? Dimension.NOT_RECORDED : c.outcomeCode(),
            cell -> null),
    /**
     * The mix of a measure's units by code (outcome code, order type): each group's share of the whole
     * numerator, not a rate against a population, so no relative rate index. Only for measures that
     * list it in {@code Measure.dimensions()}.
     */
    OUTCOME_CODE("outcome-code", List.of(), c -> c.outcomeCode() == null ? Dimension.NOT_RECORDED : c.outcomeCode(),
            cell -> null);

    public static final String NOT_RECORDED = "NOT_RECORDED";

    /** The breakdowns of a measure whose units are children's: their characteristics. */
    public static final List<Dimension> CHILD = List.of(SEX, ETHNICITY, AGE_BAND, LOOKED_AFTER, SEND);

    private final String parameter;
    private final List<String> groups;
    private final Function<Counted, String> ofCounted;
    private final Function<Cell, String> ofCell;

    Dimension(String parameter, List<String> groups, Function<Counted, String> ofCounted, Function<Cell, String> ofCell) {
        this.parameter = parameter;
        this.groups = groups;
        this.ofCounted = ofCounted;
        this.ofCell = ofCell;
    }

    public static Dimension of(String parameter) {
        return Arrays.stream(values()).filter(d -> d.parameter.equalsIgnoreCase(parameter)).findFirst()
                .orElseThrow(() -> new DomainRefusal("by", "'" + parameter + "' is not a breakdown; use one of "
                        + Arrays.stream(values()).map(Dimension::parameter).toList()));
    }

    /** A share of the whole (the mix) rather than a rate per group. */
    public boolean composition() {
        return this == OUTCOME_CODE;
    }

    public String parameter() {
        return parameter;
    }

    /** The groups always listed, even when nothing was counted in them. */
    public List<String> groups() {
        return groups;
    }

    public String groupOf(Counted counted) {
        return ofCounted.apply(counted);
    }

    /** Whether a unit's group comes from the child's status at the period's end, not from the unit. */
    public boolean fromStatus() {
        return this == LOOKED_AFTER || this == SEND;
    }

    /** The group of a child whose latest answer (looked after, or an identified SEND need) is the one given. */
    public String groupOfAnswer(Boolean answer) {
        if (answer == null) {
            return NOT_RECORDED;
        }
        return this == LOOKED_AFTER ? (answer ? "LOOKED_AFTER" : "NOT_LOOKED_AFTER") : (answer ? "SEND" : "NO_SEND");
    }

    /** The cell's group, or null when the estimates do not split by this dimension. */
    public String groupOf(Cell cell) {
        return ofCell.apply(cell);
    }

    static String ethnicGroup(String code) {
        if (code == null || code.isBlank()) {
            return NOT_RECORDED;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        for (String group : List.of("WHITE", "MIXED", "ASIAN", "BLACK")) {
            if (upper.startsWith(group)) {
                return group;
            }
        }
        // ONS puts Arab and "any other ethnic group" in Other; not stated / refused are not recorded.
        return upper.startsWith("OTHER") || upper.startsWith("ARAB") || upper.startsWith("ANY_OTHER") ? "OTHER"
                : NOT_RECORDED;
    }

    static String ageBand(int age) {
        if (age < 10) {
            return "UNDER_10";
        }
        return age <= 14 ? "10-14" : age <= 17 ? "15-17" : "18_AND_OVER";
    }

    private static String known(String value, List<String> allowed) {
        return value != null && allowed.contains(value.toUpperCase(Locale.ROOT)) ? value.toUpperCase(Locale.ROOT)
                : NOT_RECORDED;
    }
}
