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

    public record ChildRegistered(
            String childId,
            String youthJusticeService,
            LocalDate dateOfBirth,
            String sex,
            String ethnicity,
            String localAuthority) {
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
            boolean restorativeJusticeOffered) {
    }

    public record CaseClosed(String childId, LocalDate closedOn, String reason) {
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

    /** @param correctsEventId the outcome (or earlier correction) event this corrects */
    public record OutcomeCorrected(String childId, String offenceId, String correctsEventId, String outcomeCode,
                                   LocalDate outcomeDate, String reason) {
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
}
