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
import org.openyjs.cases.api.CaseCommands.RecordPreventionReferral;
import org.openyjs.cases.api.CaseCommands.RecordPreventionConsent;
import org.openyjs.cases.api.CaseCommands.RecordPostClosureCheck;
import org.openyjs.cases.api.CaseCommands.RecordArrest;
import org.openyjs.cases.api.CaseCommands.AllocateWorker;
import org.openyjs.cases.api.CaseCommands.RecordPaceTransfer;
import org.openyjs.cases.api.CaseCommands.RecordArrestResult;
import org.openyjs.cases.api.CaseCommands.RecordReferralOrderPanel;
import org.openyjs.cases.api.CaseCommands.RecordInterventionPlan;
import org.openyjs.cases.api.CaseCommands.RecordChildReviewMeeting;
import org.openyjs.cases.api.CaseCommands.RecordOrderContact;
import org.openyjs.cases.api.CaseCommands.RecordBreach;
import org.openyjs.cases.api.CaseCommands.AdmitToCustody;
import org.openyjs.cases.api.CaseCommands.AllocateYouthAdvocate;
import org.openyjs.cases.api.CaseCommands.MakeAccommodationReferral;
import org.openyjs.cases.api.CaseCommands.RecordTemporaryRelease;
import org.openyjs.cases.api.CaseCommands.ReleaseFromCustody;
import org.openyjs.cases.api.CaseCommands.RecordTransitionDecision;
import org.openyjs.cases.api.CaseCommands.TransferCase;
import org.openyjs.cases.api.CaseCommands.RecordFeedback;
import org.openyjs.cases.api.CaseCommands.RecordCaseAudit;
import org.openyjs.cases.api.CaseCommands.RecordVictimDetails;
import org.openyjs.cases.api.CaseCommands.RestrictCase;
import org.openyjs.cases.api.CaseCommands.LiftRestriction;
import org.openyjs.cases.api.CaseCommands.AmendPanelOutcome;
import org.openyjs.cases.api.CaseCommands.RecordPanelCharge;
import org.openyjs.cases.api.CaseCommands.RecordConditionalCautionNotCompleted;
import org.openyjs.cases.api.CaseEvents.PreventionReferralRecorded;
import org.openyjs.cases.api.CaseEvents.PreventionConsentRecorded;
import org.openyjs.cases.api.CaseEvents.PostClosureCheckRecorded;
import org.openyjs.cases.api.CaseEvents.Arrest;
import org.openyjs.cases.api.CaseEvents.ArrestRecorded;
import org.openyjs.cases.api.CaseEvents.WorkerAllocated;
import org.openyjs.cases.api.CaseEvents.PaceTransferRecorded;
import org.openyjs.cases.api.CaseEvents.ArrestResultRecorded;
import org.openyjs.cases.api.CaseEvents.ReferralOrderPanelHeld;
import org.openyjs.cases.api.CaseEvents.InterventionPlanRecorded;
import org.openyjs.cases.api.CaseEvents.ChildReviewMeetingHeld;
import org.openyjs.cases.api.CaseEvents.OrderContactRecorded;
import org.openyjs.cases.api.CaseEvents.BreachRecorded;
import org.openyjs.cases.api.CaseEvents.CustodyEntered;
import org.openyjs.cases.api.CaseEvents.YouthAdvocateAllocated;
import org.openyjs.cases.api.CaseEvents.AccommodationReferralMade;
import org.openyjs.cases.api.CaseEvents.TemporaryReleaseRecorded;
import org.openyjs.cases.api.CaseEvents.ReleasedFromCustody;
import org.openyjs.cases.api.CaseEvents.TransitionDecisionRecorded;
import org.openyjs.cases.api.CaseEvents.CaseTransferred;
import org.openyjs.cases.api.CaseEvents.FeedbackRecorded;
import org.openyjs.cases.api.CaseEvents.CaseAuditRecorded;
import org.openyjs.cases.api.CaseEvents.VictimDetailsRecorded;
import org.openyjs.cases.api.CaseEvents.CaseRestricted;
import org.openyjs.cases.api.CaseEvents.RestrictionLifted;
import org.openyjs.cases.api.CaseEvents.ChargedByPanelDecision;
import org.openyjs.cases.api.CaseEvents.ConditionalCautionNotCompleted;
import org.openyjs.cases.reference.OutcomeType;
import org.openyjs.cases.reference.ReferenceData;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A child's case: the consistency boundary for everything recorded about one child. Rules are
 * checked in the command handlers; state changes only in the event sourcing handlers.
 */
@Aggregate(cache = ChildCaseCache.NAME)
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

    static final Set<String> PREVENTION_SOURCES = Set.of("POLICE_COMMUNITY_RESOLUTION", "OOCD_PANEL", "SCHOOL", "PPN",
            "FAMILY");
    static final Set<String> CONSENTS = Set.of("GIVEN", "OPTED_OUT", "PENDING");
    static final Set<String> ARREST_RESULTS = Set.of("CHARGED", "BAILED", "RELEASED_UNDER_INVESTIGATION",
            "NO_FURTHER_ACTION", "REFERRED_TO_PANEL");
    static final Set<String> PANEL_TYPES = Set.of("INITIAL", "REVIEW", "EMERGENCY", "FINAL");
    static final Set<String> CONTACT_TYPES = Set.of("FACE_TO_FACE", "PHONE", "VIDEO", "HOME_VISIT");
    static final Set<String> ESTABLISHMENT_TYPES = Set.of("YOI", "STC", "SCH");
    static final Set<String> RELEASE_TYPES = Set.of("LICENCE", "END_OF_SENTENCE");
    static final Set<String> TRANSITION_DECISIONS = Set.of("TRANSFER_TO_PROBATION", "REMAIN_WITH_YOUTH_JUSTICE");
    static final Set<String> TRANSFER_DIRECTIONS = Set.of("IN", "OUT");
    static final Set<String> TRANSFER_ARRANGEMENTS = Set.of("TRANSFER", "CARETAKING");
    /** NOT_RECORDED is for historical imports that carry free text only. */
    static final Set<String> CLOSURE_CODES = Set.of("ORDER_COMPLETED", "PREVENTION_COMPLETED", "TRANSFERRED", "AGED_OUT",
            "NO_FURTHER_INVOLVEMENT", "NOT_RECORDED");
    static final Set<String> FEEDBACK_RESPONDENTS = Set.of("CHILD", "PARENT_CARER");
    static final Set<String> AUDIT_SUBJECTS = Set.of("CASE", "ASSESSMENT", "PLAN", "PRE_SENTENCE_REPORT",
            "NATIONAL_STANDARDS_SAMPLE");
    static final Set<String> AUDIT_RATINGS = Set.of("OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT", "INADEQUATE");
    static final String YOUTH_CONDITIONAL_CAUTION = "YOUTH_CONDITIONAL_CAUTION";

    private final Map<String, PreventionReferralRecorded> preventionReferrals = new HashMap<>();
    /** The consent on the most recent prevention referral: an opt-out stops new prevention work. */
    private String latestPreventionConsent;
    private boolean preventionWork;
    private boolean postClosureChecked;
    private final Map<String, Arrest> arrests = new HashMap<>();
    private String allocatedWorker;
    private final Map<String, Set<String>> panelsHeld = new HashMap<>();
    private final Map<String, CustodyEntered> admissions = new HashMap<>();
    private final Set<String> released = new HashSet<>();
    private final Set<String> advocateAllocated = new HashSet<>();
    private final Set<String> accommodationReferred = new HashSet<>();
    private CaseTransferred transferredOut;
    private final Set<String> feedbackIds = new HashSet<>();
    private final Set<String> auditIds = new HashSet<>();
    private boolean restricted;
    /** Panel decision id to the offence it decided, so an amendment can name the outcome it corrects. */
    private final Map<String, String> panelDecisionOffences = new HashMap<>();
    private final Set<String> panelAmendmentsRecorded = new HashSet<>();
    private final Set<String> panelChargesRecorded = new HashSet<>();
    private final Set<String> cautionsNotCompleted = new HashSet<>();

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
        // The opening day is business time: an imported or late-recorded case opened before it was recorded,
        // and the caseload counts it from then.
        LocalDate openedOn = command.openedOn() != null ? command.openedOn() : LocalDate.now(clock);
        notInTheFuture("openedOn", openedOn, clock);
        notBefore("openedOn", openedOn, command.dateOfBirth(), "the child's date of birth");
        apply(new ChildRegistered(command.childId(), command.youthJusticeService(), command.dateOfBirth(),
                command.sex(), command.ethnicity(), command.localAuthority(), openedOn),
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
        if (Boolean.TRUE.equals(command.restorativeJusticeParticipated()) && !command.restorativeJusticeOffered()) {
            throw new DomainRefusal("restorativeJusticeParticipated",
                    "the victim cannot have taken part in restorative justice that was not offered");
        }
        apply(new VictimContactRecorded(childId, command.offenceId(), command.victimId(), command.contactedOn(),
                command.result(), command.consentedToContact(), command.restorativeJusticeOffered(),
                command.keptInformed(), command.restorativeJusticeParticipated(), command.supportReferralMade()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(CloseCase command, Clock clock) {
        requireOpen();
        if (!CLOSURE_CODES.contains(command.reasonCode())) {
            throw new DomainRefusal("reasonCode", "must be one of " + CLOSURE_CODES);
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainRefusal("reason", "a case is closed with a reason");
        }
        notInTheFuture("closedOn", command.closedOn(), clock);
        apply(new CaseClosed(childId, command.closedOn(), command.reasonCode(), command.reason()),
                serviceMetaData(youthJusticeService));
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
        if ("PREVENTION".equals(type.kind()) && "OPTED_OUT".equals(latestPreventionConsent)) {
            throw DomainRefusal.conflict("orderType", "the family opted out of the latest prevention referral; "
                    + "record their consent before starting prevention work");
        }
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

    // --- Prevention and early intervention ---

    @CommandHandler
    public void handle(RecordPreventionReferral command, Clock clock) {
        requireOpen();
        if (preventionReferrals.containsKey(command.referralId())) {
            throw DomainRefusal.conflict("referralId", "referral " + command.referralId() + " is already on the case");
        }
        oneOf("source", command.source(), PREVENTION_SOURCES);
        oneOf("consent", command.consent(), CONSENTS);
        notInTheFuture("referredOn", command.referredOn(), clock);
        apply(new PreventionReferralRecorded(childId, command.referralId(), command.referredOn(), command.source(),
                command.consent()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordPreventionConsent command, Clock clock) {
        requireOpen();
        PreventionReferralRecorded referral = preventionReferrals.get(command.referralId());
        if (referral == null) {
            throw DomainRefusal.notFound("referralId", "referral " + command.referralId() + " is not on this child's case");
        }
        oneOf("consent", command.consent(), CONSENTS);
        notBefore("decidedOn", command.decidedOn(), referral.referredOn(), "the referral");
        notInTheFuture("decidedOn", command.decidedOn(), clock);
        apply(new PreventionConsentRecorded(childId, referral.referralId(), referral.referredOn(), referral.source(),
                command.consent(), command.decidedOn()), serviceMetaData(youthJusticeService));
    }

    /** The one thing recorded on a closed case: the check a year after prevention work closed. */
    @CommandHandler
    public void handle(RecordPostClosureCheck command, Clock clock) {
        if (closedOn == null) {
            throw DomainRefusal.conflict("childId", "the case is open: the check follows its closure");
        }
        if (!preventionWork) {
            throw DomainRefusal.conflict("childId", "the case had no prevention work: there is no post-closure check");
        }
        if (postClosureChecked) {
            throw DomainRefusal.conflict("childId", "the post-closure check was already recorded");
        }
        notBefore("checkedOn", command.checkedOn(), closedOn.plusMonths(12), "12 months after closure");
        notInTheFuture("checkedOn", command.checkedOn(), clock);
        apply(new PostClosureCheckRecorded(childId, command.checkedOn(), command.furtherInvolvement()),
                serviceMetaData(youthJusticeService));
    }

    // --- Arrest and police custody ---

    @CommandHandler
    public void handle(RecordArrest command, Clock clock) {
        requireOpen();
        if (arrests.containsKey(command.arrestId())) {
            throw DomainRefusal.conflict("arrestId", "arrest " + command.arrestId() + " is already on the case");
        }
        if (command.arrestedAt().isAfter(clock.instant())) {
            throw new DomainRefusal("arrestedAt", command.arrestedAt() + " is in the future");
        }
        int age = Period.between(dateOfBirth, LocalDate.ofInstant(command.arrestedAt(), clock.getZone())).getYears();
        if (age < YOUNGEST_AGE || age > OLDEST_AGE) {
            throw new DomainRefusal("arrestedAt", "the child was " + age
                    + " when arrested; the youth justice service works with children aged 10 to 17");
        }
        apply(new ArrestRecorded(childId, new Arrest(command.arrestId(), command.arrestedAt(), null,
                command.heldOvernight(), false, false, null)), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(AllocateWorker command, Clock clock) {
        requireOpen();
        if (command.worker() == null || command.worker().isBlank()) {
            throw new DomainRefusal("worker", "name the worker (their user name)");
        }
        if (command.allocatedAt().isAfter(clock.instant())) {
            throw new DomainRefusal("allocatedAt", command.allocatedAt() + " is in the future");
        }
        Arrest arrest = null;
        if (command.arrestId() != null) {
            arrest = arrestOnCase(command.arrestId());
            if (arrest.workerAllocatedAt() != null) {
                throw DomainRefusal.conflict("arrestId", "a worker was already allocated at arrest "
                        + command.arrestId() + " (" + arrest.workerAllocatedAt() + ")");
            }
            if (command.allocatedAt().isBefore(arrest.arrestedAt())) {
                throw new DomainRefusal("allocatedAt", command.allocatedAt() + " is before the arrest ("
                        + arrest.arrestedAt() + ")");
            }
            arrest = new Arrest(arrest.arrestId(), arrest.arrestedAt(), command.allocatedAt(), arrest.heldOvernight(),
                    arrest.paceTransferRequested(), arrest.paceTransferProvided(), arrest.result());
        }
        apply(new WorkerAllocated(childId, command.worker().trim(), command.allocatedAt(), arrest),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordPaceTransfer command) {
        requireOpen();
        Arrest arrest = arrestOnCase(command.arrestId());
        if (!arrest.heldOvernight()) {
            throw DomainRefusal.conflict("arrestId", "a PACE transfer is for a child held overnight; arrest "
                    + command.arrestId() + " was not");
        }
        if (arrest.paceTransferRequested()) {
            throw DomainRefusal.conflict("arrestId", "the PACE transfer for arrest " + command.arrestId()
                    + " is already recorded");
        }
        apply(new PaceTransferRecorded(childId, new Arrest(arrest.arrestId(), arrest.arrestedAt(),
                arrest.workerAllocatedAt(), true, true, command.provided(), arrest.result())),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordArrestResult command) {
        requireOpen();
        Arrest arrest = arrestOnCase(command.arrestId());
        oneOf("result", command.result(), ARREST_RESULTS);
        if (arrest.result() != null) {
            throw DomainRefusal.conflict("arrestId", "arrest " + command.arrestId() + " already has a result ("
                    + arrest.result() + ")");
        }
        apply(new ArrestResultRecorded(childId, new Arrest(arrest.arrestId(), arrest.arrestedAt(),
                arrest.workerAllocatedAt(), arrest.heldOvernight(), arrest.paceTransferRequested(),
                arrest.paceTransferProvided(), command.result())), serviceMetaData(youthJusticeService));
    }

    private Arrest arrestOnCase(String arrestId) {
        Arrest arrest = arrests.get(arrestId);
        if (arrest == null) {
            throw DomainRefusal.notFound("arrestId", "arrest " + arrestId + " is not on this child's case");
        }
        return arrest;
    }

    // --- Orders: referral-order panels, plans, reviews, contacts, breach ---

    @CommandHandler
    public void handle(RecordReferralOrderPanel command, Clock clock) {
        requireOpen();
        OrderStarted order = runningOrder(command.orderId());
        if (!"REFERRAL_ORDER".equals(order.orderType())) {
            throw new DomainRefusal("orderId", "order " + command.orderId() + " is a " + order.orderType()
                    + ", not a referral order: it has no referral-order panels");
        }
        oneOf("panelType", command.panelType(), PANEL_TYPES);
        Set<String> held = panelsHeld.getOrDefault(command.orderId(), Set.of());
        if ("INITIAL".equals(command.panelType()) && held.contains("INITIAL")) {
            throw DomainRefusal.conflict("panelType", "the initial panel of order " + command.orderId()
                    + " was already held");
        }
        if (!"INITIAL".equals(command.panelType()) && !held.contains("INITIAL")) {
            throw DomainRefusal.conflict("panelType", "the initial panel of order " + command.orderId()
                    + " comes first");
        }
        if (held.contains("FINAL")) {
            throw DomainRefusal.conflict("panelType", "the final panel of order " + command.orderId()
                    + " was already held");
        }
        onTheOrder("heldOn", command.heldOn(), order, clock);
        apply(new ReferralOrderPanelHeld(childId, command.orderId(), command.panelType(), command.heldOn()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordInterventionPlan command, Clock clock) {
        requireOpen();
        OrderStarted order = runningOrder(command.orderId());
        onTheOrder("agreedOn", command.agreedOn(), order, clock);
        apply(new InterventionPlanRecorded(childId, command.orderId(), command.agreedOn(),
                command.coProducedWithChild()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordChildReviewMeeting command, Clock clock) {
        requireOpen();
        OrderStarted order = runningOrder(command.orderId());
        onTheOrder("heldOn", command.heldOn(), order, clock);
        apply(new ChildReviewMeetingHeld(childId, command.orderId(), command.heldOn(), command.childAttended()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordOrderContact command, Clock clock) {
        requireOpen();
        OrderStarted order = runningOrder(command.orderId());
        oneOf("contactType", command.contactType(), CONTACT_TYPES);
        onTheOrder("contactOn", command.contactOn(), order, clock);
        apply(new OrderContactRecorded(childId, command.orderId(), command.contactOn(), command.contactType(),
                command.attended()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordBreach command, Clock clock) {
        requireOpen();
        OrderStarted order = runningOrder(command.orderId());
        onTheOrder("breachedOn", command.breachedOn(), order, clock);
        apply(new BreachRecorded(childId, command.orderId(), command.breachedOn()), serviceMetaData(youthJusticeService));
    }

    /** An order on the case that has not ended: nothing more is recorded against an ended order. */
    private OrderStarted runningOrder(String orderId) {
        OrderStarted order = orderOnCase(orderId);
        if (endedOrders.contains(orderId)) {
            throw DomainRefusal.conflict("orderId", "order " + orderId + " has ended");
        }
        return order;
    }

    private static void onTheOrder(String field, LocalDate date, OrderStarted order, Clock clock) {
        notBefore(field, date, order.startDate(), "the order's start");
        notInTheFuture(field, date, clock);
    }

    // --- Custody and resettlement ---

    @CommandHandler
    public void handle(AdmitToCustody command, Clock clock) {
        requireOpen();
        OrderStarted order = runningOrder(command.orderId());
        if (!"CUSTODY".equals(order.kind())) {
            throw new DomainRefusal("orderId", "order " + command.orderId() + " is a " + order.orderType()
                    + ", not a custodial order");
        }
        if (admissions.containsKey(command.orderId())) {
            throw DomainRefusal.conflict("orderId", "the child was already admitted on order " + command.orderId());
        }
        oneOf("establishmentType", command.establishmentType(), ESTABLISHMENT_TYPES);
        onTheOrder("admittedOn", command.admittedOn(), order, clock);
        notBefore("expectedReleaseDate", command.expectedReleaseDate(), command.admittedOn(), "the admission");
        apply(new CustodyEntered(childId, command.orderId(), command.establishmentType(), command.admittedOn(),
                command.expectedReleaseDate()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(AllocateYouthAdvocate command, Clock clock) {
        requireOpen();
        CustodyEntered admission = inCustody(command.orderId());
        if (advocateAllocated.contains(command.orderId())) {
            throw DomainRefusal.conflict("orderId", "a youth advocate was already allocated on order "
                    + command.orderId());
        }
        notBefore("allocatedOn", command.allocatedOn(), admission.admittedOn(), "the admission");
        notInTheFuture("allocatedOn", command.allocatedOn(), clock);
        apply(new YouthAdvocateAllocated(childId, command.orderId(), command.allocatedOn()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(MakeAccommodationReferral command, Clock clock) {
        requireOpen();
        CustodyEntered admission = inCustody(command.orderId());
        if (accommodationReferred.contains(command.orderId())) {
            throw DomainRefusal.conflict("orderId", "the accommodation referral for order " + command.orderId()
                    + " was already made");
        }
        notBefore("referredOn", command.referredOn(), admission.admittedOn(), "the admission");
        notInTheFuture("referredOn", command.referredOn(), clock);
        // A late referral is still recorded: the 3-month rule is measured, not enforced.
        apply(new AccommodationReferralMade(childId, command.orderId(), command.referredOn(),
                admission.expectedReleaseDate()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordTemporaryRelease command, Clock clock) {
        requireOpen();
        CustodyEntered admission = inCustody(command.orderId());
        notBefore("leftOn", command.leftOn(), admission.admittedOn(), "the admission");
        notInTheFuture("leftOn", command.leftOn(), clock);
        if (command.returnedOn() != null) {
            notBefore("returnedOn", command.returnedOn(), command.leftOn(), "leaving");
        }
        apply(new TemporaryReleaseRecorded(childId, command.orderId(), command.leftOn(), command.returnedOn()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(ReleaseFromCustody command, Clock clock) {
        requireOpen();
        CustodyEntered admission = inCustody(command.orderId());
        oneOf("releaseType", command.releaseType(), RELEASE_TYPES);
        notBefore("releasedOn", command.releasedOn(), admission.admittedOn(), "the admission");
        notInTheFuture("releasedOn", command.releasedOn(), clock);
        apply(new ReleasedFromCustody(childId, command.orderId(), command.releasedOn(), command.releaseType()),
                serviceMetaData(youthJusticeService));
    }

    /** The admission on a custodial order, refused when the child was never admitted or is already released. */
    private CustodyEntered inCustody(String orderId) {
        orderOnCase(orderId);
        CustodyEntered admission = admissions.get(orderId);
        if (admission == null) {
            throw DomainRefusal.conflict("orderId", "the child was not admitted to custody on order " + orderId);
        }
        if (released.contains(orderId)) {
            throw DomainRefusal.conflict("orderId", "the child was already released on order " + orderId);
        }
        return admission;
    }

    // --- Transitions and transfers ---

    @CommandHandler
    public void handle(RecordTransitionDecision command, Clock clock) {
        requireOpen();
        oneOf("decision", command.decision(), TRANSITION_DECISIONS);
        notInTheFuture("decidedOn", command.decidedOn(), clock);
        apply(new TransitionDecisionRecorded(childId, command.decidedOn(), command.decision()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(TransferCase command, Clock clock) {
        // A transfer back in is the one record a transferred-out case accepts.
        requireNotClosed();
        oneOf("direction", command.direction(), TRANSFER_DIRECTIONS);
        oneOf("arrangement", command.arrangement(), TRANSFER_ARRANGEMENTS);
        if (command.otherYouthJusticeService() == null || command.otherYouthJusticeService().isBlank()
                || command.otherYouthJusticeService().equals(youthJusticeService)) {
            throw new DomainRefusal("otherYouthJusticeService", "name the other youth justice service, not this one ("
                    + youthJusticeService + ")");
        }
        if ("OUT".equals(command.direction())) {
            requireNotTransferredOut();
        }
        notInTheFuture("transferredOn", command.transferredOn(), clock);
        if (transferredOut != null) {
            notBefore("transferredOn", command.transferredOn(), transferredOut.transferredOn(), "the transfer out");
        }
        apply(new CaseTransferred(childId, command.direction(), command.otherYouthJusticeService(),
                command.arrangement(), command.transferredOn()), serviceMetaData(youthJusticeService));
    }

    // --- Feedback and quality audits (both may follow the case's closure) ---

    @CommandHandler
    public void handle(RecordFeedback command, Clock clock) {
        requireNotTransferredOut();
        if (feedbackIds.contains(command.feedbackId())) {
            throw DomainRefusal.conflict("feedbackId", "feedback " + command.feedbackId() + " is already on the case");
        }
        oneOf("respondent", command.respondent(), FEEDBACK_RESPONDENTS);
        if (command.rating() < 1 || command.rating() > 5) {
            throw new DomainRefusal("rating", "must be 1 (poor) to 5 (excellent)");
        }
        notInTheFuture("givenOn", command.givenOn(), clock);
        apply(new FeedbackRecorded(childId, command.feedbackId(), command.respondent(), command.rating(),
                command.comment(), command.givenOn()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordCaseAudit command, Clock clock) {
        requireNotTransferredOut();
        if (auditIds.contains(command.auditId())) {
            throw DomainRefusal.conflict("auditId", "audit " + command.auditId() + " is already on the case");
        }
        oneOf("subject", command.subject(), AUDIT_SUBJECTS);
        oneOf("rating", command.rating(), AUDIT_RATINGS);
        if (command.offenceId() != null) {
            offenceOnCase(command.offenceId());
        }
        if ("PRE_SENTENCE_REPORT".equals(command.subject())
                && (command.offenceId() == null || !reportsSubmitted.contains(command.offenceId()))) {
            throw new DomainRefusal("offenceId", "a pre-sentence report audit names the offence whose submitted "
                    + "report it audits");
        }
        notInTheFuture("auditedOn", command.auditedOn(), clock);
        apply(new CaseAuditRecorded(childId, command.auditId(), command.subject(), command.offenceId(),
                command.auditedOn(), command.rating()), serviceMetaData(youthJusticeService));
    }

    // --- Victims ---

    @CommandHandler
    public void handle(RecordVictimDetails command) {
        requireOpen();
        if (personalDataErased) {
            throw DomainRefusal.conflict("childId", "this child's personal data was erased; victim details are not "
                    + "recorded again");
        }
        if (command.offenceId() != null) {
            offenceOnCase(command.offenceId());
        }
        apply(new VictimDetailsRecorded(childId, command.victimId(), command.offenceId(), command.encryptedDetails()),
                serviceMetaData(youthJusticeService));
    }

    // --- Restricted records ---

    @CommandHandler
    public void handle(RestrictCase command) {
        mayRestrict(command.requestedBy(), command.requestedByAdmin());
        List<String> workers = command.workers() == null ? List.of() : command.workers().stream()
                .filter(w -> w != null && !w.isBlank()).map(String::trim).distinct().toList();
        if (workers.isEmpty()) {
            throw new DomainRefusal("workers", "name at least one worker who may still open the record");
        }
        apply(new CaseRestricted(childId, workers, command.requestedBy()), serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(LiftRestriction command) {
        mayRestrict(command.requestedBy(), command.requestedByAdmin());
        if (!restricted) {
            throw DomainRefusal.conflict("childId", "the record is not restricted");
        }
        apply(new RestrictionLifted(childId, command.requestedBy()), serviceMetaData(youthJusticeService));
    }

    private void mayRestrict(String requestedBy, boolean admin) {
        if (!admin && (requestedBy == null || !requestedBy.equals(allocatedWorker))) {
            throw new DomainRefusal(null, "only an admin or the child's allocated worker ("
                    + (allocatedWorker == null ? "none allocated" : allocatedWorker) + ") may restrict the record",
                    HttpStatus.FORBIDDEN);
        }
    }

    // --- From the out-of-court panel ---

    @CommandHandler
    public void handle(AmendPanelOutcome command, ReferenceData referenceData, Clock clock) {
        if (panelAmendmentsRecorded.contains(command.amendmentId())) {
            return; // the same amendment delivered again: already on the case
        }
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (!command.offenceId().equals(panelDecisionOffences.get(command.decisionId()))) {
            throw DomainRefusal.notFound("decisionId", "panel decision " + command.decisionId()
                    + " is not on this child's case for offence " + command.offenceId());
        }
        checkOutcome("outcomeCode", command.outcomeCode(), command.amendedOn(), offence.offenceDate(),
                offence.admitted(), referenceData, clock);
        apply(new OutcomeCorrected(childId, command.offenceId(), offence.outcomeEventId(), command.outcomeCode(),
                command.amendedOn(), "the panel amended decision " + command.decisionId(), command.amendmentId()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordPanelCharge command, Clock clock) {
        if (panelChargesRecorded.contains(command.decisionId())) {
            return;
        }
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (offence.outcomeCode() != null) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " already has an outcome (" + offence.outcomeCode() + ")");
        }
        notBefore("decidedOn", command.decidedOn(), offence.offenceDate(), "the offence date");
        notInTheFuture("decidedOn", command.decidedOn(), clock);
        apply(new ChargedByPanelDecision(childId, command.offenceId(), command.decisionId(), command.decidedOn()),
                serviceMetaData(youthJusticeService));
    }

    @CommandHandler
    public void handle(RecordConditionalCautionNotCompleted command, Clock clock) {
        if (cautionsNotCompleted.contains(command.decisionId())) {
            return;
        }
        requireOpen();
        Offence offence = offenceOnCase(command.offenceId());
        if (!YOUTH_CONDITIONAL_CAUTION.equals(offence.outcomeCode())) {
            throw DomainRefusal.conflict("offenceId", "offence " + command.offenceId()
                    + " has no youth conditional caution (its outcome is " + offence.outcomeCode() + ")");
        }
        notInTheFuture("recordedOn", command.recordedOn(), clock);
        apply(new ConditionalCautionNotCompleted(childId, command.offenceId(), command.decisionId(),
                command.conditionsEndDate(), command.recordedOn()), serviceMetaData(youthJusticeService));
    }

    private static void oneOf(String field, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new DomainRefusal(field, "must be one of " + allowed.stream().sorted().toList());
        }
    }

    private void requireOpen() {
        requireNotClosed();
        requireNotTransferredOut();
    }

    private void requireNotClosed() {
        if (closedOn != null) {
            throw DomainRefusal.conflict("childId", "the case was closed on " + closedOn
                    + "; reopen it before recording anything more");
        }
    }

    private void requireNotTransferredOut() {
        if (transferredOut != null) {
            throw DomainRefusal.conflict("childId", "the case was transferred out to "
                    + transferredOut.otherYouthJusticeService() + " on " + transferredOut.transferredOn()
                    + "; only a transfer back in is recorded");
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
        if ("PREVENTION".equals(event.kind())) {
            preventionWork = true;
        }
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
        postClosureChecked = false;
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
        if (event.panelAmendmentId() != null) {
            panelAmendmentsRecorded.add(event.panelAmendmentId());
        }
    }

    @EventSourcingHandler
    void on(OutcomeRecorded event, @MessageIdentifier String eventId) {
        offences.computeIfPresent(event.offenceId(), (id, offence) -> offence.withOutcome(event.outcomeCode(), eventId));
        if (event.panelDecisionId() != null) {
            panelDecisionsRecorded.add(event.panelDecisionId());
            panelDecisionOffences.put(event.panelDecisionId(), event.offenceId());
        }
    }

    @EventSourcingHandler
    void on(PreventionReferralRecorded event) {
        preventionReferrals.put(event.referralId(), event);
        latestPreventionConsent = event.consent();
        preventionWork = true;
    }

    @EventSourcingHandler
    void on(PreventionConsentRecorded event) {
        preventionReferrals.put(event.referralId(), new PreventionReferralRecorded(event.childId(), event.referralId(),
                event.referredOn(), event.source(), event.consent()));
        PreventionReferralRecorded latest = preventionReferrals.values().stream()
                .max(java.util.Comparator.comparing(PreventionReferralRecorded::referredOn)).orElseThrow();
        latestPreventionConsent = latest.consent();
    }

    @EventSourcingHandler
    void on(PostClosureCheckRecorded event) {
        postClosureChecked = true;
    }

    @EventSourcingHandler
    void on(ArrestRecorded event) {
        arrests.put(event.arrest().arrestId(), event.arrest());
    }

    @EventSourcingHandler
    void on(WorkerAllocated event) {
        allocatedWorker = event.worker();
        if (event.arrest() != null) {
            arrests.put(event.arrest().arrestId(), event.arrest());
        }
    }

    @EventSourcingHandler
    void on(PaceTransferRecorded event) {
        arrests.put(event.arrest().arrestId(), event.arrest());
    }

    @EventSourcingHandler
    void on(ArrestResultRecorded event) {
        arrests.put(event.arrest().arrestId(), event.arrest());
    }

    @EventSourcingHandler
    void on(ReferralOrderPanelHeld event) {
        panelsHeld.computeIfAbsent(event.orderId(), id -> new HashSet<>()).add(event.panelType());
    }

    @EventSourcingHandler
    void on(CustodyEntered event) {
        admissions.put(event.orderId(), event);
    }

    @EventSourcingHandler
    void on(YouthAdvocateAllocated event) {
        advocateAllocated.add(event.orderId());
    }

    @EventSourcingHandler
    void on(AccommodationReferralMade event) {
        accommodationReferred.add(event.orderId());
    }

    @EventSourcingHandler
    void on(ReleasedFromCustody event) {
        released.add(event.orderId());
    }

    @EventSourcingHandler
    void on(CaseTransferred event) {
        if ("OUT".equals(event.direction()) && "TRANSFER".equals(event.arrangement())) {
            transferredOut = event;
        } else if ("IN".equals(event.direction())) {
            transferredOut = null;
        }
    }

    @EventSourcingHandler
    void on(FeedbackRecorded event) {
        feedbackIds.add(event.feedbackId());
    }

    @EventSourcingHandler
    void on(CaseAuditRecorded event) {
        auditIds.add(event.auditId());
    }

    @EventSourcingHandler
    void on(CaseRestricted event) {
        restricted = true;
    }

    @EventSourcingHandler
    void on(RestrictionLifted event) {
        restricted = false;
    }

    @EventSourcingHandler
    void on(ChargedByPanelDecision event) {
        panelChargesRecorded.add(event.decisionId());
    }

    @EventSourcingHandler
    void on(ConditionalCautionNotCompleted event) {
        cautionsNotCompleted.add(event.decisionId());
    }
}
