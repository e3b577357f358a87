package org.openyjs.cases.childcase;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.openyjs.cases.api.CaseCommands.CloseCase;
import org.openyjs.cases.api.CaseCommands.SubmitPreSentenceReport;
import org.openyjs.cases.api.CaseCommands.StartRemand;
import org.openyjs.cases.api.CaseCommands.RequestPreSentenceReport;
import org.openyjs.cases.api.CaseCommands.RecordHomeVisit;
import org.openyjs.cases.api.CaseCommands.EndRemand;
import org.openyjs.cases.api.CaseCommands.CorrectOutcome;
import org.openyjs.cases.api.CaseCommands.EndOrder;
import org.openyjs.cases.api.CaseCommands.ErasePersonalData;
import org.openyjs.cases.api.CaseCommands.OutcomeGiven;
import org.openyjs.cases.api.CaseCommands.QualityAssureAssessment;
import org.openyjs.cases.api.CaseCommands.RecordAssessment;
import org.openyjs.cases.api.CaseCommands.RecordVictimContact;
import org.openyjs.cases.api.CaseCommands.ReferToOutOfCourtPanel;
import org.openyjs.cases.api.CaseCommands.RecordOffence;
import org.openyjs.cases.api.CaseCommands.RecordOutcome;
import org.openyjs.cases.api.CaseCommands.RecordPersonalDetails;
import org.openyjs.cases.api.CaseCommands.RecordStatus;
import org.openyjs.cases.api.CaseCommands.StartOrder;
import org.openyjs.cases.api.CaseCommands.RegisterChild;
import org.openyjs.cases.api.CaseCommands.ReopenCase;
import org.openyjs.cases.api.CaseEvents.AssessmentQualityAssured;
import org.openyjs.cases.api.CaseEvents.AssessmentRecorded;
import org.openyjs.cases.api.CaseEvents.CaseClosed;
import org.openyjs.cases.api.CaseEvents.CaseReopened;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.api.CaseEvents.RemandStarted;
import org.openyjs.cases.api.CaseEvents.RemandEnded;
import org.openyjs.cases.api.CaseEvents.PreSentenceReportSubmitted;
import org.openyjs.cases.api.CaseEvents.PreSentenceReportRequested;
import org.openyjs.cases.api.CaseEvents.HomeVisitRecorded;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.cases.api.CaseEvents.OrderEnded;
import org.openyjs.cases.api.CaseEvents.OutcomeCorrected;
import org.openyjs.cases.api.CaseEvents.OrderStarted;
import org.openyjs.cases.api.CaseEvents.OutcomeRecorded;
import org.openyjs.cases.api.CaseEvents.PersonalDataErased;
import org.openyjs.cases.api.CaseEvents.PersonalDetailsRecorded;
import org.openyjs.cases.api.CaseEvents.ReferredToOutOfCourtPanel;
import org.openyjs.cases.api.CaseEvents.StatusRecorded;
import org.openyjs.cases.api.CaseEvents.VictimContactRecorded;
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
    private final Map<String, AssessmentRecorded> assessments = new HashMap<>();
    private LocalDate closedOn;
    private final Map<String, OrderStarted> orders = new HashMap<>();
    private final Set<String> endedOrders = new HashSet<>();

    private final Map<String, PreSentenceReportRequested> reportsRequested = new HashMap<>();
    private final Set<String> reportsSubmitted = new HashSet<>();
    private final Map<String, RemandStarted> remands = new HashMap<>();
    private final Set<String> endedRemands = new HashSet<>();

    static final Set<String> REMAND_TYPES = Set.of("LOCAL_AUTHORITY_ACCOMMODATION", "YOUTH_DETENTION_ACCOMMODATION");
    static final Set<String> ORDER_END_REASONS = Set.of("COMPLETED", "REVOKED", "BREACHED", "TRANSFERRED");
    static final Set<String> STATUS_POINTS = Set.of("START", "END");
    static final Set<String> ETE_STATUSES = Set.of("FULL_TIME", "PART_TIME", "NEET");
    private boolean personalDataErased;

    /** What the rules need to remember about an offence. */
    private record Offence(LocalDate offenceDate, Integer gravityScore, boolean admitted, String outcomeCode,
                           String outcomeEventId, LocalDate referredToPanelOn) {
        Offence withOutcome(String code, String eventId) {
            return new Offence(offenceDate, gravityScore, admitted, code, eventId, referredToPanelOn);
        }

        Offence referredOn(LocalDate date) {
            return new Offence(offenceDate, gravityScore, admitted, outcomeCode, outcomeEventId, date);
        }
    }

    /** The assessment tools a youth justice service uses before the panel and on statutory cases. */
    static final Set<String> ASSESSMENT_TOOLS = Set.of("ASSETPLUS", "PREVENTION_AND_DIVERSION");
    static final Set<String> VICTIM_CONTACT_RESULTS = Set.of("VIEWS_GIVEN", "DECLINED", "NOT_CONTACTABLE");

    protected ChildCase() {
        // for Axon: the case is rebuilt from its events
    }

    @CommandHandler
    public ChildCase(RegisterChild command, ReferenceData referenceData, Clock clock) {
        if (!referenceData.isYouthJusticeService(command.youthJusticeService())) {
            throw new DomainRefusal("youthJusticeService",
                    "is not a youth justice service of this deployment: " + command.youthJusticeService());
        }
        notInTheFuture("dateOfBirth", command.dateOfBirth(), clock);
        if (!referenceData.isEthnicity(command.ethnicity(), LocalDate.now(clock))) {
            throw new DomainRefusal("ethnicity", "unknown ethnicity code " + command.ethnicity()
                    + "; see GET /reference/ethnicities");
        }
        apply(new ChildRegistered(command.childId(), command.youthJusticeService(), command.dateOfBirth(),
                command.sex(), command.ethnicity(), command.localAuthority()),
                serviceMetaData(command.youthJusticeService()));
    }

    @CommandHandler
    public void handle(RecordOffence command, ReferenceData referenceData, Clock clock) {
        requireOpen();
        if (offences.containsKey(command.offenceId())) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId() + " is already on the case");
        }
        notInTheFuture("offenceDate", command.offenceDate(), clock);
        if (!referenceData.isOffenceCategory(command.offenceCategory(), command.offenceDate())) {
            throw new DomainRefusal("offenceCategory", "unknown offence category " + command.offenceCategory()
                    + " on " + command.offenceDate() + "; see GET /reference/offence-categories");
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
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (offence.outcomeCode() != null) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " already has an outcome (" + offence.outcomeCode() + ")");
        }
        checkOutcome("outcomeCode", command.outcomeCode(), command.outcomeDate(), offence.offenceDate(),
                offence.admitted(), referenceData, clock);
        apply(new OutcomeRecorded(childId, command.offenceId(), command.outcomeCode(), command.outcomeDate(),
                command.panelDecisionId()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(CorrectOutcome command, ReferenceData referenceData, Clock clock) {
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (offence.outcomeCode() == null) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " has no outcome to correct; record one instead");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRefusal("reason", "a correction is recorded with its reason");
        }
        checkOutcome("outcomeCode", command.outcomeCode(), command.outcomeDate(), offence.offenceDate(),
                offence.admitted(), referenceData, clock);
        apply(new OutcomeCorrected(childId, command.offenceId(), offence.outcomeEventId(), command.outcomeCode(),
                command.outcomeDate(), command.reason()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(ReferToOutOfCourtPanel command, Clock clock) {
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (offence.outcomeCode() != null) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " already has an outcome (" + offence.outcomeCode() + ")");
        }
        if (offence.referredToPanelOn() != null) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " was already referred to the panel on " + offence.referredToPanelOn());
        }
        notBefore("referralDate", command.referralDate(), offence.offenceDate(), "the offence date");
        notInTheFuture("referralDate", command.referralDate(), clock);
        apply(new ReferredToOutOfCourtPanel(childId, command.offenceId(), command.referralDate(),
                offence.gravityScore(), offence.admitted()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordAssessment command, Clock clock) {
        requireOpen();
        if (assessments.containsKey(command.assessmentId())) {
            throw DomainRefusal.conflict("assessmentId", "assessment " + command.assessmentId() + " is already on the case");
        }
        if (command.offenceId() != null) {
            offenceOnCase(command.offenceId());
        }
        if (!ASSESSMENT_TOOLS.contains(command.tool())) {
            throw new DomainRefusal("tool", "must be one of " + ASSESSMENT_TOOLS);
        }
        notInTheFuture("completedOn", command.completedOn(), clock);
        if (command.qualityAssuredOn() != null) {
            notBefore("qualityAssuredOn", command.qualityAssuredOn(), command.completedOn(), "completion");
            notInTheFuture("qualityAssuredOn", command.qualityAssuredOn(), clock);
        }
        apply(new AssessmentRecorded(childId, command.assessmentId(), command.offenceId(), command.tool(),
                command.completedOn(), command.qualityAssuredOn()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(QualityAssureAssessment command, Clock clock) {
        requireOpen();
        AssessmentRecorded assessment = assessments.get(command.assessmentId());
        if (assessment == null) {
            throw DomainRefusal.notFound("assessmentId", "assessment " + command.assessmentId() + " is not on this child's case");
        }
        if (assessment.qualityAssuredOn() != null) {
            throw DomainRefusal.conflict("assessmentId", "assessment " + command.assessmentId()
                    + " was already quality-assured on " + assessment.qualityAssuredOn());
        }
        notBefore("qualityAssuredOn", command.qualityAssuredOn(), assessment.completedOn(), "completion");
        notInTheFuture("qualityAssuredOn", command.qualityAssuredOn(), clock);
        apply(new AssessmentQualityAssured(childId, assessment.assessmentId(), assessment.offenceId(), assessment.tool(),
                assessment.completedOn(), command.qualityAssuredOn()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordVictimContact command, Clock clock) {
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (!VICTIM_CONTACT_RESULTS.contains(command.result())) {
            throw new DomainRefusal("result", "must be one of " + VICTIM_CONTACT_RESULTS);
        }
        notBefore("contactedOn", command.contactedOn(), offence.offenceDate(), "the offence date");
        notInTheFuture("contactedOn", command.contactedOn(), clock);
        apply(new VictimContactRecorded(childId, command.offenceId(), command.victimId(), command.contactedOn(),
                command.result(), command.consentedToContact(), command.restorativeJusticeOffered()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(CloseCase command, Clock clock) {
        requireOpen();
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRefusal("reason", "a case is closed with a reason");
        }
        notInTheFuture("closedOn", command.closedOn(), clock);
        apply(new CaseClosed(childId, command.closedOn(), command.reason()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(ReopenCase command, Clock clock) {
        if (closedOn == null) {
            throw DomainRefusal.conflict("childId", "the case is open");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRefusal("reason", "a case is reopened with a reason");
        }
        notBefore("reopenedOn", command.reopenedOn(), closedOn, "the day it was closed");
        notInTheFuture("reopenedOn", command.reopenedOn(), clock);
        apply(new CaseReopened(childId, command.reopenedOn(), command.reason()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(StartOrder command, ReferenceData referenceData, Clock clock) {
        requireOpen();
        if (orders.containsKey(command.orderId())) {
            throw DomainRefusal.conflict("orderId", "order " + command.orderId() + " is already on the case");
        }
        ReferenceData.OrderType type = referenceData.orderType(command.orderType(), command.startDate())
                .orElseThrow(() -> new DomainRefusal("orderType", "unknown order type " + command.orderType()
                        + " on " + command.startDate() + "; see GET /reference/order-types"));
        if (command.offenceId() != null) {
            notBefore("startDate", command.startDate(), offenceOnCase(command.offenceId()).offenceDate(),
                    "the offence date");
        }
        notInTheFuture("startDate", command.startDate(), clock);
        if (command.plannedEndDate() != null) {
            notBefore("plannedEndDate", command.plannedEndDate(), command.startDate(), "the order's start");
        }
        apply(new OrderStarted(childId, command.orderId(), command.orderType(), type.kind(), command.offenceId(),
                command.startDate(), command.plannedEndDate()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(EndOrder command, Clock clock) {
        requireOpen();
        OrderStarted order = orderOnCase(command.orderId());
        if (endedOrders.contains(command.orderId())) {
            throw DomainRefusal.conflict("orderId", "order " + command.orderId() + " has already ended");
        }
        if (!ORDER_END_REASONS.contains(command.endReason())) {
            throw new DomainRefusal("endReason", "must be one of " + ORDER_END_REASONS);
        }
        notBefore("endDate", command.endDate(), order.startDate(), "the order's start");
        notInTheFuture("endDate", command.endDate(), clock);
        apply(new OrderEnded(childId, command.orderId(), order.orderType(), order.kind(), command.endDate(),
                command.endReason()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordStatus command, Clock clock) {
        requireOpen();
        OrderStarted order = orderOnCase(command.orderId());
        if (!STATUS_POINTS.contains(command.point())) {
            throw new DomainRefusal("point", "must be START or END");
        }
        if (!ETE_STATUSES.contains(command.ete().status())) {
            throw new DomainRefusal("ete.status", "must be one of " + ETE_STATUSES);
        }
        Integer offered = command.ete().hoursOffered();
        Integer attended = command.ete().hoursAttended();
        if (offered != null && attended != null && attended > offered) {
            throw new DomainRefusal("ete.hoursAttended", "cannot be more than the hours offered (" + offered + ")");
        }
        notBefore("assessedOn", command.assessedOn(), order.startDate(), "the order's start");
        notInTheFuture("assessedOn", command.assessedOn(), clock);
        apply(new StatusRecorded(childId, command.orderId(), command.point(), command.assessedOn(),
                command.accommodation(), command.ete(), command.send(), command.mentalHealth(),
                command.substanceMisuse(), command.widerServices()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RequestPreSentenceReport command, Clock clock) {
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (reportsRequested.containsKey(command.offenceId())) {
            throw DomainRefusal.conflict("offenceId", "a pre-sentence report was already requested for offence "
                    + command.offenceId());
        }
        notBefore("requestedOn", command.requestedOn(), offence.offenceDate(), "the offence date");
        notInTheFuture("requestedOn", command.requestedOn(), clock);
        apply(new PreSentenceReportRequested(childId, command.offenceId(), command.requestedOn()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(SubmitPreSentenceReport command, ReferenceData referenceData, Clock clock) {
        requireOpen();
        PreSentenceReportRequested requested = reportsRequested.get(command.offenceId());
        if (requested == null) {
            throw DomainRefusal.conflict("offenceId", "no pre-sentence report was requested for offence "
                    + command.offenceId());
        }
        if (reportsSubmitted.contains(command.offenceId())) {
            throw DomainRefusal.conflict("offenceId", "the pre-sentence report for offence " + command.offenceId()
                    + " was already submitted");
        }
        notBefore("submittedOn", command.submittedOn(), requested.requestedOn(), "the request");
        notInTheFuture("submittedOn", command.submittedOn(), clock);
        boolean courtSentence = referenceData.outcomeType(command.proposedOutcomeCode(), command.submittedOn())
                .filter(type -> "COURT".equals(type.category())).isPresent();
        if (!courtSentence) {
            throw new DomainRefusal("proposedOutcomeCode", command.proposedOutcomeCode()
                    + " is not a court sentence in force on " + command.submittedOn());
        }
        apply(new PreSentenceReportSubmitted(childId, command.offenceId(), requested.requestedOn(),
                command.submittedOn(), command.proposedOutcomeCode(), command.qualityAssured()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(StartRemand command, Clock clock) {
        requireOpen();
        if (remands.containsKey(command.remandId())) {
            throw DomainRefusal.conflict("remandId", "remand " + command.remandId() + " is already on the case");
        }
        Offence offence = offenceOnCase(command.offenceId());
        if (!REMAND_TYPES.contains(command.remandType())) {
            throw new DomainRefusal("remandType", "must be one of " + REMAND_TYPES);
        }
        notBefore("startDate", command.startDate(), offence.offenceDate(), "the offence date");
        notInTheFuture("startDate", command.startDate(), clock);
        apply(new RemandStarted(childId, command.remandId(), command.offenceId(), command.remandType(),
                command.startDate()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(EndRemand command, Clock clock) {
        requireOpen();
        RemandStarted remand = remands.get(command.remandId());
        if (remand == null) {
            throw DomainRefusal.notFound("remandId", "remand " + command.remandId() + " is not on this child's case");
        }
        if (endedRemands.contains(command.remandId())) {
            throw DomainRefusal.conflict("remandId", "remand " + command.remandId() + " has already ended");
        }
        notBefore("endDate", command.endDate(), remand.startDate(), "the remand's start");
        notInTheFuture("endDate", command.endDate(), clock);
        apply(new RemandEnded(childId, remand.remandId(), remand.offenceId(), remand.remandType(), remand.startDate(),
                command.endDate()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordHomeVisit command, Clock clock) {
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (offence.outcomeCode() == null) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " has no outcome yet: the home visit follows the court's outcome");
        }
        if (command.visitedAt().isAfter(clock.instant())) {
            throw new DomainRefusal("visitedAt", command.visitedAt() + " is in the future");
        }
        apply(new HomeVisitRecorded(childId, command.offenceId(), command.visitedAt()),
                serviceMetaData(youthJusticeService));
    }

    private OrderStarted orderOnCase(String orderId) {
        OrderStarted order = orders.get(orderId);
        if (order == null) {
            throw DomainRefusal.notFound("orderId", "order " + orderId + " is not on this child's case");
        }
        return order;
    }

    @CommandHandler
    public void handle(RecordPersonalDetails command) {
        requireOpen();
        if (personalDataErased) {
            throw DomainRefusal.conflict("childId", "this child's personal data was erased; it is not recorded again");
        }
        apply(new PersonalDetailsRecorded(childId, command.encryptedDetails()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(ErasePersonalData command) {
        if (personalDataErased) {
            return; // erasing twice changes nothing; the caller still destroys the key, idempotently
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRefusal("reason", "an erasure is recorded with its reason");
        }
        apply(new PersonalDataErased(childId, command.reason()), serviceMetaData(youthJusticeService));
    }

    private void requireOpen() {
        if (closedOn != null) {
            throw DomainRefusal.conflict("childId", "the case was closed on " + closedOn
                    + "; reopen it before recording anything more");
        }
    }

    private Offence offenceOnCase(String offenceId) {
        Offence offence = offences.get(offenceId);
        if (offence == null) {
            throw DomainRefusal.notFound("offenceId", "offence " + offenceId + " is not on this child's case");
        }
        return offence;
    }

    private static void notInTheFuture(String field, LocalDate date, Clock clock) {
        if (date.isAfter(LocalDate.now(clock))) {
            throw new DomainRefusal(field, date + " is in the future");
        }
    }

    private static void notBefore(String field, LocalDate date, LocalDate earliest, String what) {
        if (date.isBefore(earliest)) {
            throw new DomainRefusal(field, date + " is before " + what + " (" + earliest + ")");
        }
    }

    private static void checkOutcome(String field, String code, LocalDate date, LocalDate offenceDate,
                                     boolean admitted, ReferenceData referenceData, Clock clock) {
        notBefore(field, date, offenceDate, "the offence date");
        notInTheFuture(field, date, clock);
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
        offences.put(event.offenceId(), new Offence(event.offenceDate(), event.gravityScore(), event.admitted(), null,
                null, null));
    }

    @EventSourcingHandler
    void on(PreSentenceReportRequested event) {
        reportsRequested.put(event.offenceId(), event);
    }

    @EventSourcingHandler
    void on(PreSentenceReportSubmitted event) {
        reportsSubmitted.add(event.offenceId());
    }

    @EventSourcingHandler
    void on(RemandStarted event) {
        remands.put(event.remandId(), event);
    }

    @EventSourcingHandler
    void on(RemandEnded event) {
        endedRemands.add(event.remandId());
    }

    @EventSourcingHandler
    void on(OrderStarted event) {
        orders.put(event.orderId(), event);
    }

    @EventSourcingHandler
    void on(OrderEnded event) {
        endedOrders.add(event.orderId());
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        personalDataErased = true;
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        closedOn = event.closedOn();
    }

    @EventSourcingHandler
    void on(CaseReopened event) {
        closedOn = null;
    }

    @EventSourcingHandler
    void on(ReferredToOutOfCourtPanel event) {
        offences.computeIfPresent(event.offenceId(), (id, offence) -> offence.referredOn(event.referralDate()));
    }

    @EventSourcingHandler
    void on(AssessmentRecorded event) {
        assessments.put(event.assessmentId(), event);
    }

    @EventSourcingHandler
    void on(AssessmentQualityAssured event) {
        assessments.put(event.assessmentId(), new AssessmentRecorded(event.childId(), event.assessmentId(),
                event.offenceId(), event.tool(), event.completedOn(), event.qualityAssuredOn()));
    }

    @EventSourcingHandler
    void on(OutcomeCorrected event, @MessageIdentifier String eventId) {
        offences.computeIfPresent(event.offenceId(), (id, offence) -> offence.withOutcome(event.outcomeCode(), eventId));
    }

    @EventSourcingHandler
    void on(OutcomeRecorded event, @MessageIdentifier String eventId) {
        offences.computeIfPresent(event.offenceId(), (id, offence) -> offence.withOutcome(event.outcomeCode(), eventId));
        if (event.panelDecisionId() != null) {
            panelDecisionsRecorded.add(event.panelDecisionId());
        }
    }
}
