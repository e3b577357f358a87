package org.openyjs.kpi.measure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.openyjs.kpi.readmodel.Counted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The pseudonymous children and events behind a numerator: one entry per unit counted, so
 * {@code counted.size() == numerator}; for a proportion also the denominator's units
 * ({@code denominatorUnits.size() == denominator}; absent for a rate per head of population). The date
 * of birth stays out (age on the date is enough). For a measure of orders an entry's outcomeCode is the
 * order type and outcomeDate the day it ended; for reoffending the index outcome, or the proving outcome
 * of a reoffence; for victims the contact result and day.
 */
public record DrillDown(
        String measure,
        int ruleVersion,
        String youthJusticeService,
        String period,
        LocalDate from,
        LocalDate to,
        LocalDate asOf,
        long numerator,
        List<Entry> counted,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long denominator,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Entry> denominatorUnits) {

    public record Entry(
            @Schema(description = "pseudonymous child id") String childId,
            @Schema(description = "integration event id of the outcome that counted") String eventId,
            String outcomeCode,
            LocalDate outcomeDate,
            @Schema(description = "when the outcome was recorded (system time)") Instant recordedAt,
            @Schema(description = "the child's age on the unit's date; absent for a unit that is not a child's")
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer ageOnOutcomeDate,
            String sex,
            String ethnicity) {

        static Entry of(Counted c) {
            return new Entry(c.childId(), c.eventId(), c.outcomeCode(), c.outcomeDate(), c.recordedAt(),
                    c.dateOfBirth() == null ? null : c.ageOnOutcomeDate(), c.sex(), c.ethnicity());
        }
    }

    public static DrillDown of(MeasureCalculator.Evaluation e) {
        ReportingPeriod p = e.query().period();
        return new DrillDown(e.measure().name(), e.rule().version(), e.query().service(), p.name(), p.from(), p.to(),
                e.query().asOf(), e.numerator(), e.counted().stream().map(Entry::of).toList(),
                e.perPopulation() ? null : e.denominator(),
                e.denominatorUnits() == null ? null : e.denominatorUnits().stream().map(Entry::of).toList());
    }
}
