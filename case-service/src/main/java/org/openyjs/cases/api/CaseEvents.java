package org.openyjs.cases.api;

import org.openyjs.events.cases.StatusRecorded.Accommodation;
import org.openyjs.events.cases.StatusRecorded.Ete;
import org.openyjs.events.cases.StatusRecorded.Need;
import org.openyjs.events.cases.StatusRecorded.Send;
import org.openyjs.events.cases.StatusRecorded.WiderServices;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The facts recorded on a child's case, as stored in case-service's event store. They are internal:
 * what leaves the service is mapped to the integration contracts in {@code integration-events}.
 * The status value types (accommodation, ETE, needs...) are the contract's own records, reused
 * rather than copied: they are plain values, and a new contract version would add new ones.
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    /**
     * @param openedOn the day the case opened (business time). Null only in events recorded before it was
     *                 asked for: their case opened the day they were recorded.
     */
    public record ChildRegistered(
            String childId,
            String youthJusticeService,
            LocalDate dateOfBirth,
            String sex,
            String ethnicity,
            String localAuthority,
            LocalDate openedOn) {
    }

    public record OffenceRecorded(
            String childId,
            String offenceId,
            LocalDate offenceDate,
            String offenceCategory,
            Integer gravityScore,
            boolean admitted) {
    }

    public record OutcomeRecorded(
            String childId,
            String offenceId,
            String outcomeCode,
            LocalDate outcomeDate,
            String panelDecisionId) {
    }

    public record ReferredToOutOfCourtPanel(
            String childId,
            String offenceId,
            LocalDate referralDate,
            Integer gravityScore,
            boolean admitted) {
    }

    public record AssessmentRecorded(
            String childId,
            String assessmentId,
            String offenceId,
            String tool,
            LocalDate completedOn,
            LocalDate qualityAssuredOn) {
    }

    /** Carries the whole assessment so that readers need no earlier event to make sense of it. */
    public record AssessmentQualityAssured(
            String childId,
            String assessmentId,
            String offenceId,
            String tool,
            LocalDate completedOn,
            LocalDate qualityAssuredOn) {
    }

    public record VictimContactRecorded(
            String childId,
            String offenceId,
            String victimId,
            LocalDate contactedOn,
            String result,
            boolean consentedToContact,
            boolean restorativeJusticeOffered,
            Boolean keptInformed,
            Boolean restorativeJusticeParticipated,
            Boolean supportReferralMade) {

        /** The first version's answers only: the later ones were not asked (null, not false). */
        public VictimContactRecorded(String childId, String offenceId, String victimId, LocalDate contactedOn,
                                     String result, boolean consentedToContact, boolean restorativeJusticeOffered) {
            this(childId, offenceId, victimId, contactedOn, result, consentedToContact, restorativeJusticeOffered,
                    null, null, null);
        }
    }

    /** @param reasonCode null on cases closed before closure codes were recorded */
    public record CaseClosed(String childId, LocalDate closedOn, String reasonCode, String reason) {
    }

    public record CaseReopened(String childId, LocalDate reopenedOn, String reason) {
    }

    /** Never leaves case-service: encrypted with the child's key, which erasure destroys. */
    public record PersonalDetailsRecorded(String childId, String encryptedDetails) {
    }

    public record PersonalDataErased(String childId, String reason) {
    }

    /** @param kind the order type's kind when it started, kept so that later readers need no reference data */
    public record OrderStarted(String childId, String orderId, String orderType, String kind, String offenceId,
                               LocalDate startDate, LocalDate plannedEndDate) {
    }

    public record OrderEnded(String childId, String orderId, String orderType, String kind, LocalDate endDate,
                             String endReason) {
    }

    public record StatusRecorded(String childId, String orderId, String point, LocalDate assessedOn,
                                 Accommodation accommodation, Ete ete, Send send, Need mentalHealth,
                                 Need substanceMisuse, WiderServices widerServices) {
    }

    /**
     * @param correctsEventId  the outcome (or earlier correction) event this corrects
     * @param panelAmendmentId set when the out-of-court panel amended its decision: the same amendment is recorded once
     */
    public record OutcomeCorrected(String childId, String offenceId, String correctsEventId, String outcomeCode,
                                   LocalDate outcomeDate, String reason, String panelAmendmentId) {

        public OutcomeCorrected(String childId, String offenceId, String correctsEventId, String outcomeCode,
                                LocalDate outcomeDate, String reason) {
            this(childId, offenceId, correctsEventId, outcomeCode, outcomeDate, reason, null);
        }
    }

    public record PreSentenceReportRequested(String childId, String offenceId, LocalDate requestedOn) {
    }

    public record PreSentenceReportSubmitted(String childId, String offenceId, LocalDate requestedOn,
                                             LocalDate submittedOn, String proposedOutcomeCode,
                                             boolean qualityAssured) {
    }

    public record RemandStarted(String childId, String remandId, String offenceId, String remandType,
                                LocalDate startDate) {
    }

    /** Carries the whole remand, so that readers need no earlier event. */
    public record RemandEnded(String childId, String remandId, String offenceId, String remandType,
                              LocalDate startDate, LocalDate endDate) {
    }

    public record HomeVisitRecorded(String childId, String offenceId, Instant visitedAt) {
    }

    public record PreventionReferralRecorded(String childId, String referralId, LocalDate referredOn, String source,
                                             String consent) {
    }

    /** Carries the whole referral, so that readers need no earlier event. */
    public record PreventionConsentRecorded(String childId, String referralId, LocalDate referredOn, String source,
                                            String consent, LocalDate decidedOn) {
    }

    public record PostClosureCheckRecorded(String childId, LocalDate checkedOn, boolean furtherInvolvement) {
    }

    /** An arrest as it stands; every arrest event carries the whole of it, so the published fact needs no history. */
    public record Arrest(String arrestId, Instant arrestedAt, Instant workerAllocatedAt, boolean heldOvernight,
                         boolean paceTransferRequested, boolean paceTransferProvided, String result) {
    }

    public record ArrestRecorded(String childId, Arrest arrest) {
    }

    /** @param arrest the arrest the worker was allocated at, as it now stands, or null for an allocation at another time */
    public record WorkerAllocated(String childId, String worker, Instant allocatedAt, Arrest arrest) {
    }

    public record PaceTransferRecorded(String childId, Arrest arrest) {
    }

    public record ArrestResultRecorded(String childId, Arrest arrest) {
    }

    public record ReferralOrderPanelHeld(String childId, String orderId, String panelType, LocalDate heldOn) {
    }

    public record InterventionPlanRecorded(String childId, String orderId, LocalDate agreedOn,
                                           boolean coProducedWithChild) {
    }

    public record ChildReviewMeetingHeld(String childId, String orderId, LocalDate heldOn, boolean childAttended) {
    }

    public record OrderContactRecorded(String childId, String orderId, LocalDate contactOn, String contactType,
                                       boolean attended) {
    }

    public record BreachRecorded(String childId, String orderId, LocalDate breachedOn) {
    }

    public record CustodyEntered(String childId, String orderId, String establishmentType, LocalDate admittedOn,
                                 LocalDate expectedReleaseDate) {
    }

    public record YouthAdvocateAllocated(String childId, String orderId, LocalDate allocatedOn) {
    }

    public record AccommodationReferralMade(String childId, String orderId, LocalDate referredOn,
                                            LocalDate expectedReleaseDate) {
    }

    public record TemporaryReleaseRecorded(String childId, String orderId, LocalDate leftOn, LocalDate returnedOn) {
    }

    public record ReleasedFromCustody(String childId, String orderId, LocalDate releasedOn, String releaseType) {
    }

    public record TransitionDecisionRecorded(String childId, LocalDate decidedOn, String decision) {
    }

    public record CaseTransferred(String childId, String direction, String otherYouthJusticeService,
                                  String arrangement, LocalDate transferredOn) {
    }

    /** The comment is free text: it stays in case-service. */
    public record FeedbackRecorded(String childId, String feedbackId, String respondent, int rating, String comment,
                                   LocalDate givenOn) {
    }

    public record CaseAuditRecorded(String childId, String auditId, String subject, String offenceId,
                                    LocalDate auditedOn, String rating) {
    }

    /** Never leaves case-service: encrypted with the child's key, readable only by the victim officer. */
    public record VictimDetailsRecorded(String childId, String victimId, String offenceId, String encryptedDetails) {
    }

    public record CaseRestricted(String childId, java.util.List<String> workers, String restrictedBy) {
    }

    public record RestrictionLifted(String childId, String liftedBy) {
    }

    /** The panel decided to charge: the offence goes to court. Not an outcome: it disposes of nothing. */
    public record ChargedByPanelDecision(String childId, String offenceId, String decisionId, LocalDate decidedOn) {
    }

    public record ConditionalCautionNotCompleted(String childId, String offenceId, String decisionId,
                                                 LocalDate conditionsEndDate, LocalDate recordedOn) {
    }
}
