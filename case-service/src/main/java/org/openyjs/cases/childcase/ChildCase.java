package org.openyjs.cases.childcase;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.openyjs.cases.api.CaseCommands.OutcomeGiven;
import org.openyjs.cases.api.CaseCommands.RecordOffence;
import org.openyjs.cases.api.CaseCommands.RecordOutcome;
import org.openyjs.cases.api.CaseCommands.RegisterChild;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.openyjs.cases.reference.OutcomeType;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A child's case: the consistency boundary for everything recorded about one child. Rules are
 * checked in the command handlers; state changes only in the event sourcing handlers.
 */
@Aggregate
public class ChildCase {

    static final int YOUNGEST_AGE = 10;
    static final int OLDEST_AGE = 17;

    @AggregateIdentifier
    private String childId;
    private String youthJusticeService;
    private LocalDate dateOfBirth;
    private final Map<String, Offence> offences = new HashMap<>();
    private final Set<String> panelDecisionsRecorded = new HashSet<>();

    /** What the rules need to remember about an offence. */
    private record Offence(LocalDate offenceDate, boolean admitted, String outcomeCode) {
        Offence withOutcome(String code) {
            return new Offence(offenceDate, admitted, code);
        }
    }

    protected ChildCase() {
        // for Axon: the case is rebuilt from its events
    }

    @CommandHandler
    public ChildCase(RegisterChild command, ReferenceData referenceData, Clock clock) {
        if (!referenceData.isYouthJusticeService(command.youthJusticeService())) {
            throw new DomainRefusal("youthJusticeService",
                    "is not a youth justice service of this deployment: " + command.youthJusticeService());
        }
        if (command.dateOfBirth().isAfter(LocalDate.now(clock))) {
            throw new DomainRefusal("dateOfBirth", "is in the future");
        }
        apply(new ChildRegistered(command.childId(), command.youthJusticeService(), command.dateOfBirth(),
                command.sex(), command.ethnicity(), command.localAuthority()),
                serviceMetaData(command.youthJusticeService()));
    }

    @CommandHandler
    public void handle(RecordOffence command, ReferenceData referenceData, Clock clock) {
        if (offences.containsKey(command.offenceId())) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId() + " is already on the case");
        }
        if (command.offenceDate().isAfter(LocalDate.now(clock))) {
            throw new DomainRefusal("offenceDate", "is in the future");
        }
        int age = Period.between(dateOfBirth, command.offenceDate()).getYears();
        if (age < YOUNGEST_AGE || age > OLDEST_AGE) {
            throw new DomainRefusal("offenceDate", "the child was " + age
                    + " on the offence date; the youth justice service works with children aged 10 to 17");
        }
        OutcomeGiven outcome = command.outcome();
        if (outcome != null) {
            checkOutcome("outcome", outcome.code(), outcome.date(), command.offenceDate(), command.admitted(),
                    referenceData, clock);
        }
        apply(new OffenceRecorded(childId, command.offenceId(), command.offenceDate(), command.offenceCategory(),
                command.gravityScore(), command.admitted()), serviceMetaData(youthJusticeService));
        if (outcome != null) {
            apply(new OutcomeRecorded(childId, command.offenceId(), outcome.code(), outcome.date(), null),
                    serviceMetaData(youthJusticeService));
        }
    }

    @CommandHandler
    public void handle(RecordOutcome command, ReferenceData referenceData, Clock clock) {
        if (command.panelDecisionId() != null && panelDecisionsRecorded.contains(command.panelDecisionId())) {
            return; // the same panel decision delivered again: already on the case
        }
        Offence offence = offences.get(command.offenceId());
        if (offence == null) {
            throw DomainRefusal.notFound("offenceId", "offence " + command.offenceId() + " is not on this child's case");
        }
        if (offence.outcomeCode() != null) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " already has an outcome (" + offence.outcomeCode() + ")");
        }
        checkOutcome("outcomeCode", command.outcomeCode(), command.outcomeDate(), offence.offenceDate(),
                offence.admitted(), referenceData, clock);
        apply(new OutcomeRecorded(childId, command.offenceId(), command.outcomeCode(), command.outcomeDate(),
                command.panelDecisionId()), serviceMetaData(youthJusticeService));
    }

    private static void checkOutcome(String field, String code, LocalDate date, LocalDate offenceDate,
                                     boolean admitted, ReferenceData referenceData, Clock clock) {
        if (date.isBefore(offenceDate)) {
            throw new DomainRefusal(field, "the outcome date " + date + " is before the offence date " + offenceDate);
        }
        if (date.isAfter(LocalDate.now(clock))) {
            throw new DomainRefusal(field, "the outcome date " + date + " is in the future");
        }
        OutcomeType type = referenceData.outcomeType(code, date)
                .orElseThrow(() -> new DomainRefusal(field, "unknown outcome code " + code + " on " + date));
        if (type.requiresAdmission() && !admitted) {
            throw new DomainRefusal(field, type.description() + " needs the child's admission of the offence");
        }
    }

    private static MetaData serviceMetaData(String youthJusticeService) {
        return MetaData.with(RecordingMetadata.YOUTH_JUSTICE_SERVICE, youthJusticeService);
    }

    @EventSourcingHandler
    void on(ChildRegistered event) {
        childId = event.childId();
        youthJusticeService = event.youthJusticeService();
        dateOfBirth = event.dateOfBirth();
    }

    @EventSourcingHandler
    void on(OffenceRecorded event) {
        offences.put(event.offenceId(), new Offence(event.offenceDate(), event.admitted(), null));
    }

    @EventSourcingHandler
    void on(OutcomeRecorded event) {
        offences.computeIfPresent(event.offenceId(), (id, offence) -> offence.withOutcome(event.outcomeCode()));
        if (event.panelDecisionId() != null) {
            panelDecisionsRecorded.add(event.panelDecisionId());
        }
    }
}
