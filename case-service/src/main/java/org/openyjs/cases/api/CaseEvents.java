package org.openyjs.cases.api;

import java.time.LocalDate;

/**
 * The facts recorded on a child's case, as stored in case-service's event store. They are internal:
 * what leaves the service is mapped to the integration contracts in {@code integration-events}.
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
}
