package org.openyjs.cases.reference;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The reference data commands are checked against: outcome types and the youth justice services. */
public class ReferenceData {

    private final List<OutcomeType> outcomeTypes;
    private final Set<String> youthJusticeServices;

    public ReferenceData(List<OutcomeType> outcomeTypes, Set<String> youthJusticeServices) {
        this.outcomeTypes = List.copyOf(outcomeTypes);
        this.youthJusticeServices = Set.copyOf(youthJusticeServices);
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
