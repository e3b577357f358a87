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

    public record RegisterChild(
            @TargetAggregateIdentifier String childId,
            String youthJusticeService,
            LocalDate dateOfBirth,
            String sex,
            String ethnicity,
            String localAuthority) {
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
            @TargetAggregateVersion Long expectedVersion) {

        /** Without an expected version: recorded whatever the case's version. */
        public RecordVictimContact(String childId,
                String offenceId,
                String victimId,
                LocalDate contactedOn,
                String result,
                boolean consentedToContact,
                boolean restorativeJusticeOffered) {
            this(childId, offenceId, victimId, contactedOn, result, consentedToContact, restorativeJusticeOffered, null);
        }
    }

    /** Closes the case; nothing more is recorded on it until it is reopened. */
    public record CloseCase(
            @TargetAggregateIdentifier String childId,
            LocalDate closedOn,
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
}
