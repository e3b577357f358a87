package org.openyjs.kpi.readmodel;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A condition a proportion's unit meets (an ended order's END status answer, a victim's consent), stated once as a
 * Java test of the listed unit and as SQL over the columns the unit is listed from ({@link UnitQuery}), so the units
 * behind breakdowns and drill-down and the figure counted in SQL cannot drift apart.
 *
 * <p>Its SQL is never NULL: a column test is false where the column is null (a part the END status did not carry, an
 * order with no END status, an answer not recorded), as the Java test is false on a null value, so {@link #and},
 * {@link #or} and {@link #not} mean the same in both.
 */
public final class Condition<T> implements Predicate<T> {

    private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern TEXT = Pattern.compile("[A-Za-z0-9_ -]*");

    private final Predicate<T> test;
    private final String sql;

    private Condition(Predicate<T> test, String sql) {
        this.test = test;
        this.sql = sql;
    }

    /** Every unit: a denominator that needs nothing of the unit. */
    public static <T> Condition<T> always() {
        return new Condition<>(unit -> true, "TRUE");
    }

    @Override
    public boolean test(T unit) {
        return test.test(unit);
    }

    /** SQL over the listed unit's columns (unqualified), TRUE or FALSE. */
    public String sql() {
        return sql;
    }

    public Condition<T> and(Condition<T> other) {
        return new Condition<>(unit -> test(unit) && other.test(unit), "(" + sql + " AND " + other.sql + ")");
    }

    public Condition<T> or(Condition<T> other) {
        return new Condition<>(unit -> test(unit) || other.test(unit), "(" + sql + " OR " + other.sql + ")");
    }

    public Condition<T> not() {
        return new Condition<>(unit -> !test(unit), "(NOT " + sql + ")");
    }

    /**
     * A column of the listed units (its name in the listing) and the unit's value of it, read from that column: the
     * pair a condition is stated on.
     */
    public record Column<T, V>(String name, Function<T, V> value) {

        public Column {
            if (!COLUMN.matcher(name).matches()) {
                throw new IllegalArgumentException("not a column name: " + name);
            }
        }

        /** The value is the one given (a null value is no value given). */
        public Condition<T> is(V expected) {
            String sql;
            if (expected instanceof Boolean b) {
                sql = name + (b ? " IS TRUE" : " IS FALSE");
            } else if (expected instanceof String s && TEXT.matcher(s).matches()) {
                sql = "(" + name + " = '" + s + "') IS TRUE";
            } else {
                throw new IllegalArgumentException("no SQL literal for " + expected);
            }
            return new Condition<>(unit -> expected.equals(value.apply(unit)), sql);
        }

        /** A value was recorded. */
        public Condition<T> known() {
            return new Condition<>(unit -> value.apply(unit) != null, name + " IS NOT NULL");
        }
    }
}
