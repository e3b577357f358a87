package org.openyjs.cases.reference;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference data commands are checked against: outcome types, ethnicities and offence categories
 * (each with effective dates), and the youth justice services of this deployment.
 */
public class ReferenceData {

    /** A code in force between two dates (to inclusive, null while in force). */
    public record Code(String code, String description, LocalDate effectiveFrom, LocalDate effectiveTo) {
        boolean inForceOn(LocalDate date) {
            return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
        }
    }

    private final List<OutcomeType> outcomeTypes;
    private final Set<String> youthJusticeServices;
    private final List<Code> ethnicities;
    private final List<Code> offenceCategories;
    private final List<OrderType> orderTypes;

    /** An intervention or order type; {@code kind} is PREVENTION, OUT_OF_COURT, COMMUNITY or CUSTODY. */
    public record OrderType(Code code, String kind) {
    }

    /** Outcomes and services only: any ethnicity or offence category code is accepted (for tests of other rules). */
    public ReferenceData(List<OutcomeType> outcomeTypes, Set<String> youthJusticeServices) {
        this(outcomeTypes, youthJusticeServices, null, null, List.of());
    }

    public ReferenceData(List<OutcomeType> outcomeTypes, Set<String> youthJusticeServices, List<Code> ethnicities,
                         List<Code> offenceCategories, List<OrderType> orderTypes) {
        this.outcomeTypes = List.copyOf(outcomeTypes);
        this.youthJusticeServices = Set.copyOf(youthJusticeServices);
        this.ethnicities = ethnicities == null ? null : List.copyOf(ethnicities);
        this.offenceCategories = offenceCategories == null ? null : List.copyOf(offenceCategories);
        this.orderTypes = List.copyOf(orderTypes);
    }

    /** The order type with this code in force on the date, if any. */
    public Optional<OrderType> orderType(String code, LocalDate on) {
        return orderTypes.stream().filter(t -> t.code().code().equals(code) && t.code().inForceOn(on)).findFirst();
    }

    public List<OrderType> orderTypes() {
        return orderTypes;
    }

    public boolean isEthnicity(String code, LocalDate on) {
        return ethnicities == null || ethnicities.stream().anyMatch(c -> c.code().equals(code) && c.inForceOn(on));
    }

    public boolean isOffenceCategory(String code, LocalDate on) {
        return offenceCategories == null
                || offenceCategories.stream().anyMatch(c -> c.code().equals(code) && c.inForceOn(on));
    }

    public List<Code> ethnicities() {
        return ethnicities == null ? List.of() : ethnicities;
    }

    public List<Code> offenceCategories() {
        return offenceCategories == null ? List.of() : offenceCategories;
    }

    /** The outcome type with this code in force on the date, if any. */
    public Optional<OutcomeType> outcomeType(String code, LocalDate on) {
        return outcomeTypes.stream().filter(t -> t.code().equals(code) && t.inForceOn(on)).findFirst();
    }

    public boolean isYouthJusticeService(String code) {
        return youthJusticeServices.contains(code);
    }

    public List<OutcomeType> outcomeTypes() {
        return outcomeTypes;
    }
}
