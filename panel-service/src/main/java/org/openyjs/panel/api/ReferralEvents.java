package org.openyjs.panel.api;

import java.time.LocalDate;
import java.util.List;

/** The facts recorded about one referral to the panel. */
public final class ReferralEvents {

    private ReferralEvents() {
    }

    /** @param decisionDueDate {@code referralDate} plus the configured working days */
    public record ReferralReceived(String referralId, String childId, String offenceId, String youthJusticeService,
                                   LocalDate referralDate, Integer gravityScore, boolean admitted,
                                   LocalDate decisionDueDate) {
    }

    public record AssessmentNoted(String referralId, String assessmentId, String tool, LocalDate completedOn,
                                  LocalDate qualityAssuredOn) {
    }

    /** @param result VIEWS_GIVEN, DECLINED or NOT_CONTACTABLE */
    public record VictimContactNoted(String referralId, String victimId, LocalDate contactedOn, String result,
                                     boolean consentedToContact, boolean restorativeJusticeOffered) {
    }

    public record PlacedOnAgenda(String referralId, String panelId, LocalDate meetingDate) {
    }

    public record CarriedOver(String referralId, String fromPanelId, String toPanelId, LocalDate toMeetingDate,
                              String reason) {
    }

    public record ReferralWithdrawn(String referralId, String panelId, String reason, LocalDate withdrawnOn) {
    }

    /**
     * @param assessmentOverrideReason set when the chair decided without a quality-assured assessment
     * @param workingDaysFromReferral  referral date to decision date, in working days
     */
    public record DecisionRecorded(String referralId, String decisionId, String panelId, String childId,
                                   String offenceId, String youthJusticeService, String outcomeCode,
                                   LocalDate decisionDate, Integer gravityScore, String rationale,
                                   String interventionAgreed, String dissent, String assessmentOverrideReason,
                                   List<String> conditions, LocalDate conditionsEndDate,
                                   int workingDaysFromReferral, boolean decidedInTime) {
    }

    /**
     * The chair decided a case at a meeting that was not quorate, with the reason: recorded just before
     * the decision it allows.
     *
     * @param quorumShortfall what the meeting lacked, as its attendance record said
     */
    public record QuorumOverridden(String referralId, String decisionId, String panelId, LocalDate meetingDate,
                                   List<String> quorumShortfall, String reason) {
    }

    public record DecisionAmended(String referralId, String amendmentId, String decisionId, String panelId,
                                  String childId, String offenceId, String youthJusticeService, String outcomeCode,
                                  LocalDate amendedOn, Integer gravityScore, String rationale,
                                  String interventionAgreed, String dissent, String assessmentOverrideReason,
                                  List<String> conditions, LocalDate conditionsEndDate, String reason) {
    }

    /**
     * case-service recorded an outcome for the referred offence by another route than the panel (the police
     * or a court gave it, or it was imported) while the referral was still open: the panel has nothing left
     * to decide, so the referral closes. {@code panelId} is the meeting it was listed on, if any.
     */
    public record ReferralClosedByOutcomeElsewhere(String referralId, String childId, String offenceId,
                                                   String youthJusticeService, String panelId, String outcomeCode,
                                                   LocalDate outcomeDate) {
    }

    public record DecisionOverdue(String referralId, String youthJusticeService, LocalDate decisionDueDate) {
    }

    /**
     * A youth conditional caution's end date has passed and neither completion nor non-completion is
     * recorded: the chair's read model shows "completion not recorded" until one is.
     */
    public record ConditionsEndDatePassed(String referralId, String decisionId, String youthJusticeService,
                                          LocalDate conditionsEndDate) {
    }

    public record ConditionsCompleted(String referralId, String decisionId, LocalDate completedOn) {
    }

    public record ConditionsNotCompleted(String referralId, String decisionId, String childId, String offenceId,
                                         String youthJusticeService, LocalDate conditionsEndDate,
                                         LocalDate recordedOn, String reason) {
    }

    /** @param decisionId the decision's (or amendment's) id; {@code reasons} say why it was sampled */
    public record SelectedForScrutiny(String referralId, String decisionId, String outcomeCode, List<String> reasons) {
    }

    public record ScrutinyFindingRecorded(String referralId, String decisionId, String finding, String learningPoint,
                                          LocalDate recordedOn) {
    }
}
