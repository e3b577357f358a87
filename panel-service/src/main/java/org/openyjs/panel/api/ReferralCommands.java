package org.openyjs.panel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** The commands a referral to the panel accepts, from its arrival to the end of its caution's conditions. */
public final class ReferralCommands {

    private ReferralCommands() {
    }

    /** From case-service's {@code ReferredToOutOfCourtPanel}; a redelivery changes nothing. */
    public record ReceiveReferral(@TargetAggregateIdentifier String referralId, String childId, String offenceId,
                                  String youthJusticeService, LocalDate referralDate, Integer gravityScore,
                                  boolean admitted) {
    }

    /** From case-service's {@code AssessmentRecorded} for the referred offence. */
    public record NoteAssessment(@TargetAggregateIdentifier String referralId, String assessmentId, String tool,
                                 LocalDate completedOn, LocalDate qualityAssuredOn) {
    }

    /** From case-service's {@code VictimContactRecorded} for the referred offence. */
    public record NoteVictimContact(@TargetAggregateIdentifier String referralId, String victimId,
                                    LocalDate contactedOn, String result, boolean consentedToContact,
                                    boolean restorativeJusticeOffered) {
    }

    /**
     * From case-service's {@code OutcomeRecorded} without a panel decision id: the outcome was given outside
     * the panel. Closes an open referral; changes nothing on a closed, decided or withdrawn one.
     */
    public record CloseOnOutcomeElsewhere(@TargetAggregateIdentifier String referralId, String outcomeCode,
                                          LocalDate outcomeDate) {
    }

    /** The chair places the case on a meeting's agenda (the meeting's date is fixed once scheduled). */
    public record PlaceOnAgenda(@TargetAggregateIdentifier String referralId, String panelId, LocalDate meetingDate) {
    }

    public record CarryOver(@TargetAggregateIdentifier String referralId, String toPanelId, LocalDate toMeetingDate,
                            String reason) {
    }

    public record WithdrawReferral(@TargetAggregateIdentifier String referralId, String reason) {
    }

    /**
     * The panel's decision.
     *
     * @param assessmentOverrideReason required when the assessment is not quality-assured: the chair's override
     * @param quorumOverrideReason     required when the meeting was not quorate: the chair's override
     * @param conditions               a youth conditional caution's conditions, ending on {@code conditionsEndDate}
     */
    public record RecordDecision(@TargetAggregateIdentifier String referralId, String decisionId, String panelId,
                                 String outcomeCode, Integer gravityScore, String rationale,
                                 String interventionAgreed, String dissent, String assessmentOverrideReason,
                                 String quorumOverrideReason, List<String> conditions, LocalDate conditionsEndDate) {
    }

    /** A changed decision: a new fact with its reason; the original stays on record. */
    public record AmendDecision(@TargetAggregateIdentifier String referralId, String amendmentId, String outcomeCode,
                                Integer gravityScore, String rationale, String interventionAgreed, String dissent,
                                String assessmentOverrideReason, List<String> conditions,
                                LocalDate conditionsEndDate, String reason) {
    }

    /** Sent when the decision's due date has passed (by the timeliness saga's deadline or the daily sweep). */
    public record MarkDecisionOverdue(@TargetAggregateIdentifier String referralId) {
    }

    /** Sent by the conditions saga's deadline once a conditional caution's end date has passed. */
    public record MarkConditionsEndDatePassed(@TargetAggregateIdentifier String referralId) {
    }

    public record RecordConditionsCompleted(@TargetAggregateIdentifier String referralId, LocalDate completedOn) {
    }

    public record RecordConditionsNotCompleted(@TargetAggregateIdentifier String referralId, LocalDate recordedOn,
                                               String reason) {
    }

    /**
     * The multi-agency scrutiny panel's finding on a sampled decision (or amendment).
     *
     * @param finding APPROPRIATE, NOT_APPROPRIATE or LEARNING_POINT
     */
    public record RecordScrutinyFinding(@TargetAggregateIdentifier String referralId, String decisionId,
                                        String finding, String learningPoint) {
    }
}
