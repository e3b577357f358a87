package org.openyjs.cases.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import org.openyjs.events.cases.StatusRecorded.Accommodation;
import org.openyjs.events.cases.StatusRecorded.Ete;
import org.openyjs.events.cases.StatusRecorded.Need;
import org.openyjs.events.cases.StatusRecorded.Send;
import org.openyjs.events.cases.StatusRecorded.WiderServices;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The commands a child's case accepts. Each becomes events or is refused with a reason.
 * {@code expectedVersion}, when given, is the case version the user's change was based on: if the
 * case has moved on since, the command is refused with a conflict rather than silently applied.
 */
public final class CaseCommands {

    private CaseCommands() {
    }

    /** @param openedOn the day the service opened the case; null: the day it is recorded */
    public record RegisterChild(
            @TargetAggregateIdentifier String childId,
            String youthJusticeService,
            LocalDate dateOfBirth,
            String sex,
            String ethnicity,
            String localAuthority,
            LocalDate openedOn) {
    }

    /** Records an offence; the outcome may come with it or later. */
    public record RecordOffence(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            LocalDate offenceDate,
            String offenceCategory,
            Integer gravityScore,
            boolean admitted,
            OutcomeGiven outcome,
            @TargetAggregateVersion Long expectedVersion) {

        /** Without an expected version: recorded whatever the case's version. */
        public RecordOffence(String childId,
                String offenceId,
                LocalDate offenceDate,
                String offenceCategory,
                Integer gravityScore,
                boolean admitted,
                OutcomeGiven outcome) {
            this(childId, offenceId, offenceDate, offenceCategory, gravityScore, admitted, outcome, null);
        }
    }

    /**
     * Records the outcome of an offence already on the case.
     *
     * @param panelDecisionId set when the out-of-court panel decided it: recording the same decision twice is a no-op
     */
    public record RecordOutcome(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            String outcomeCode,
            LocalDate outcomeDate,
            String panelDecisionId,
            @TargetAggregateVersion Long expectedVersion) {

        /** Without an expected version: recorded whatever the case's version. */
        public RecordOutcome(String childId,
                String offenceId,
                String outcomeCode,
                LocalDate outcomeDate,
                String panelDecisionId) {
            this(childId, offenceId, outcomeCode, outcomeDate, panelDecisionId, null);
        }
    }

    /** An outcome code and the date it was given (business time). */
    public record OutcomeGiven(String code, LocalDate date) {
    }

    /** Refers an offence already on the case to the joint out-of-court disposal panel. */
    public record ReferToOutOfCourtPanel(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            LocalDate referralDate,
            @TargetAggregateVersion Long expectedVersion) {

        /** Without an expected version: recorded whatever the case's version. */
        public ReferToOutOfCourtPanel(String childId, String offenceId, LocalDate referralDate) {
            this(childId, offenceId, referralDate, null);
        }
    }

    /**
     * Records a completed assessment (AssetPlus-style or the Prevention and Diversion tool).
     *
     * @param offenceId        the offence it was made for, or null for a general assessment
     * @param qualityAssuredOn when a manager quality-assured it, or null while not yet assured
     */
    public record RecordAssessment(
            @TargetAggregateIdentifier String childId,
            String assessmentId,
            String offenceId,
            String tool,
            LocalDate completedOn,
            LocalDate qualityAssuredOn,
            @TargetAggregateVersion Long expectedVersion) {

        /** Without an expected version: recorded whatever the case's version. */
        public RecordAssessment(String childId,
                String assessmentId,
                String offenceId,
                String tool,
                LocalDate completedOn,
                LocalDate qualityAssuredOn) {
            this(childId, assessmentId, offenceId, tool, completedOn, qualityAssuredOn, null);
        }
    }

    public record QualityAssureAssessment(
            @TargetAggregateIdentifier String childId,
            String assessmentId,
            LocalDate qualityAssuredOn,
            @TargetAggregateVersion Long expectedVersion) {

        /** Without an expected version: recorded whatever the case's version. */
        public QualityAssureAssessment(String childId, String assessmentId, LocalDate qualityAssuredOn) {
            this(childId, assessmentId, qualityAssuredOn, null);
        }
    }

    /** What came of contacting the victim of an offence; victim details themselves are not recorded here. */
    public record RecordVictimContact(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            String victimId,
            LocalDate contactedOn,
            String result,
            boolean consentedToContact,
            boolean restorativeJusticeOffered,
            Boolean keptInformed,
            Boolean restorativeJusticeParticipated,
            Boolean supportReferralMade,
            @TargetAggregateVersion Long expectedVersion) {

        /** Without an expected version and without the version 2 answers (not recorded). */
        public RecordVictimContact(String childId,
                String offenceId,
                String victimId,
                LocalDate contactedOn,
                String result,
                boolean consentedToContact,
                boolean restorativeJusticeOffered) {
            this(childId, offenceId, victimId, contactedOn, result, consentedToContact, restorativeJusticeOffered,
                    null, null, null, null);
        }
    }

    /**
     * Closes the case; nothing more is recorded on it until it is reopened.
     *
     * @param reasonCode why, as a code that leaves the service (e.g. ORDER_COMPLETED); {@code reason} is free text that stays
     */
    public record CloseCase(
            @TargetAggregateIdentifier String childId,
            LocalDate closedOn,
            String reasonCode,
            String reason,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record ReopenCase(
            @TargetAggregateIdentifier String childId,
            LocalDate reopenedOn,
            String reason,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Records a child's personal details (names, address, contacts), already encrypted with the
     * child's own key: the event store never holds them in clear.
     */
    public record RecordPersonalDetails(
            @TargetAggregateIdentifier String childId,
            String encryptedDetails,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** Right to erasure: the child's personal details become unreadable; the pseudonymous facts stay. */
    public record ErasePersonalData(@TargetAggregateIdentifier String childId, String reason) {
    }

    /** Starts an intervention or order; {@code offenceId} is null for prevention work. */
    public record StartOrder(
            @TargetAggregateIdentifier String childId,
            String orderId,
            String orderType,
            String offenceId,
            LocalDate startDate,
            LocalDate plannedEndDate,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** Ends an intervention or order: COMPLETED, REVOKED, BREACHED or TRANSFERRED. */
    public record EndOrder(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate endDate,
            String endReason,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** The child's circumstances at the START or END of an intervention or order. */
    public record RecordStatus(
            @TargetAggregateIdentifier String childId,
            String orderId,
            String point,
            LocalDate assessedOn,
            Accommodation accommodation,
            Ete ete,
            Send send,
            Need mentalHealth,
            Need substanceMisuse,
            WiderServices widerServices,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Corrects the recorded outcome of an offence. The correction is a new fact that names the one it
     * corrects; the original stays in the history.
     */
    public record CorrectOutcome(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            String outcomeCode,
            LocalDate outcomeDate,
            String reason,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record RequestPreSentenceReport(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            LocalDate requestedOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** @param proposedOutcomeCode the court sentence the report proposes */
    public record SubmitPreSentenceReport(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            LocalDate submittedOn,
            String proposedOutcomeCode,
            boolean qualityAssured,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** @param remandType LOCAL_AUTHORITY_ACCOMMODATION or YOUTH_DETENTION_ACCOMMODATION */
    public record StartRemand(
            @TargetAggregateIdentifier String childId,
            String remandId,
            String offenceId,
            String remandType,
            LocalDate startDate,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record EndRemand(
            @TargetAggregateIdentifier String childId,
            String remandId,
            LocalDate endDate,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** The child seen at home after a court outcome (the local rule: within 24 hours). */
    public record RecordHomeVisit(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            Instant visitedAt,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Prevention and early intervention ---

    /**
     * A referral for prevention work (no offence needed).
     *
     * @param source  POLICE_COMMUNITY_RESOLUTION, OOCD_PANEL, SCHOOL, PPN or FAMILY
     * @param consent GIVEN, OPTED_OUT or PENDING: the service works unless the family opts out
     */
    public record RecordPreventionReferral(
            @TargetAggregateIdentifier String childId,
            String referralId,
            LocalDate referredOn,
            String source,
            String consent,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** The family's answer on a prevention referral, later than the referral itself. */
    public record RecordPreventionConsent(
            @TargetAggregateIdentifier String childId,
            String referralId,
            String consent,
            LocalDate decidedOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** The check 12 months after a case with prevention work closed: has the child come back to notice? */
    public record RecordPostClosureCheck(
            @TargetAggregateIdentifier String childId,
            LocalDate checkedOn,
            boolean furtherInvolvement,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Arrest and police custody ---

    public record RecordArrest(
            @TargetAggregateIdentifier String childId,
            String arrestId,
            Instant arrestedAt,
            boolean heldOvernight,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * Allocates a worker (a user name) to the child; at the point of arrest when {@code arrestId} is given.
     * The allocated worker may restrict the child's record.
     */
    public record AllocateWorker(
            @TargetAggregateIdentifier String childId,
            String worker,
            Instant allocatedAt,
            String arrestId,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** A PACE transfer to local authority accommodation was requested for a child held overnight, and whether provided. */
    public record RecordPaceTransfer(
            @TargetAggregateIdentifier String childId,
            String arrestId,
            boolean provided,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** @param result CHARGED, BAILED, RELEASED_UNDER_INVESTIGATION, NO_FURTHER_ACTION or REFERRED_TO_PANEL */
    public record RecordArrestResult(
            @TargetAggregateIdentifier String childId,
            String arrestId,
            String result,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Orders: referral-order panels, plans, reviews, contacts, breach ---

    /** @param panelType INITIAL, REVIEW, EMERGENCY or FINAL */
    public record RecordReferralOrderPanel(
            @TargetAggregateIdentifier String childId,
            String orderId,
            String panelType,
            LocalDate heldOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordInterventionPlan(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate agreedOn,
            boolean coProducedWithChild,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordChildReviewMeeting(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate heldOn,
            boolean childAttended,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** @param contactType FACE_TO_FACE, PHONE, VIDEO or HOME_VISIT */
    public record RecordOrderContact(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate contactOn,
            String contactType,
            boolean attended,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record RecordBreach(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate breachedOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Custody and resettlement ---

    /** @param establishmentType YOI, STC or SCH */
    public record AdmitToCustody(
            @TargetAggregateIdentifier String childId,
            String orderId,
            String establishmentType,
            LocalDate admittedOn,
            LocalDate expectedReleaseDate,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record AllocateYouthAdvocate(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate allocatedOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record MakeAccommodationReferral(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate referredOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** Release on temporary licence from {@code leftOn} to {@code returnedOn}. */
    public record RecordTemporaryRelease(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate leftOn,
            LocalDate returnedOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /** @param releaseType LICENCE (custody to community) or END_OF_SENTENCE */
    public record ReleaseFromCustody(
            @TargetAggregateIdentifier String childId,
            String orderId,
            LocalDate releasedOn,
            String releaseType,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Transitions and transfers ---

    /** @param decision TRANSFER_TO_PROBATION or REMAIN_WITH_YOUTH_JUSTICE */
    public record RecordTransitionDecision(
            @TargetAggregateIdentifier String childId,
            LocalDate decidedOn,
            String decision,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * @param direction   OUT (to {@code otherYouthJusticeService}) or IN (from it)
     * @param arrangement TRANSFER or CARETAKING
     */
    public record TransferCase(
            @TargetAggregateIdentifier String childId,
            String direction,
            String otherYouthJusticeService,
            String arrangement,
            LocalDate transferredOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Feedback and quality audits ---

    /** @param respondent CHILD or PARENT_CARER; @param rating 1 (poor) to 5 (excellent) */
    public record RecordFeedback(
            @TargetAggregateIdentifier String childId,
            String feedbackId,
            String respondent,
            int rating,
            String comment,
            LocalDate givenOn,
            @TargetAggregateVersion Long expectedVersion) {
    }

    /**
     * @param subject CASE, ASSESSMENT, PLAN, PRE_SENTENCE_REPORT or NATIONAL_STANDARDS_SAMPLE
     * @param rating  OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT or INADEQUATE
     */
    public record RecordCaseAudit(
            @TargetAggregateIdentifier String childId,
            String auditId,
            String subject,
            String offenceId,
            LocalDate auditedOn,
            String rating,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Victims ---

    /** Victim's name and contact details, already encrypted with the child's key. */
    public record RecordVictimDetails(
            @TargetAggregateIdentifier String childId,
            String victimId,
            String offenceId,
            String encryptedDetails,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- Restricted records ---

    /**
     * Restricts the child's record to the named workers. {@code requestedBy} and {@code requestedByAdmin}
     * are who asks, as the gateway vouched for them: only an admin or the allocated worker may.
     */
    public record RestrictCase(
            @TargetAggregateIdentifier String childId,
            java.util.List<String> workers,
            String requestedBy,
            boolean requestedByAdmin,
            @TargetAggregateVersion Long expectedVersion) {
    }

    public record LiftRestriction(
            @TargetAggregateIdentifier String childId,
            String requestedBy,
            boolean requestedByAdmin,
            @TargetAggregateVersion Long expectedVersion) {
    }

    // --- From the out-of-court panel (Kafka) ---

    /** The panel amended its decision: a correction of the outcome it gave, recorded once per amendment. */
    public record AmendPanelOutcome(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            String amendmentId,
            String decisionId,
            String outcomeCode,
            LocalDate amendedOn) {
    }

    /** The panel decided to charge: the offence goes to court; no outcome yet. Recorded once per decision. */
    public record RecordPanelCharge(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            String decisionId,
            LocalDate decidedOn) {
    }

    /** The conditions of a youth conditional caution were not completed; recorded once per decision. */
    public record RecordConditionalCautionNotCompleted(
            @TargetAggregateIdentifier String childId,
            String offenceId,
            String decisionId,
            LocalDate conditionsEndDate,
            LocalDate recordedOn) {
    }
}
