package org.openyjs.panel.referral;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.openyjs.panel.api.ReferralCommands.AmendDecision;
import org.openyjs.panel.api.ReferralCommands.CarryOver;
import org.openyjs.panel.api.ReferralCommands.CloseOnOutcomeElsewhere;
import org.openyjs.panel.api.PanelEvents.AttendanceRecorded;
import org.openyjs.panel.api.ReferralCommands.MarkConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralCommands.MarkDecisionOverdue;
import org.openyjs.panel.api.ReferralCommands.NoteAssessment;
import org.openyjs.panel.api.ReferralCommands.NoteVictimContact;
import org.openyjs.panel.api.ReferralCommands.PlaceOnAgenda;
import org.openyjs.panel.api.ReferralCommands.ReceiveReferral;
import org.openyjs.panel.api.ReferralCommands.RecordConditionsCompleted;
import org.openyjs.panel.api.ReferralCommands.RecordConditionsNotCompleted;
import org.openyjs.panel.api.ReferralCommands.RecordDecision;
import org.openyjs.panel.api.ReferralCommands.WithdrawReferral;
import org.openyjs.panel.api.ReferralEvents.AssessmentNoted;
import org.openyjs.panel.api.ReferralEvents.CarriedOver;
import org.openyjs.panel.api.ReferralEvents.ConditionsCompleted;
import org.openyjs.panel.api.ReferralEvents.ConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.PlacedOnAgenda;
import org.openyjs.panel.api.ReferralEvents.QuorumOverridden;
import org.openyjs.panel.api.ReferralEvents.ReferralClosedByOutcomeElsewhere;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;
import org.openyjs.panel.api.ReferralEvents.VictimContactNoted;
import org.openyjs.panel.api.ReferralCommands.RecordScrutinyFinding;
import org.openyjs.panel.api.ReferralEvents.ScrutinyFindingRecorded;
import org.openyjs.panel.api.ReferralEvents.SelectedForScrutiny;
import org.openyjs.panel.meeting.MeetingAttendance;
import org.openyjs.panel.scrutiny.ScrutinySampling;
import org.openyjs.panel.timeliness.DecisionDeadline;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A child's offence referred to the joint out-of-court disposal panel, from its arrival from
 * case-service to the panel's decision and, for a youth conditional caution, the end of its conditions.
 * One aggregate per referral (not per meeting) because the rules that matter are the case's: admission,
 * assessment quality assurance, the due date, one decision amended only with a reason.
 */
@Aggregate
public class PanelReferral {

    private static final Set<String> VICTIM_RESULTS = Set.of("VIEWS_GIVEN", "DECLINED", "NOT_CONTACTABLE");
    private static final Set<String> FINDINGS = Set.of("APPROPRIATE", "NOT_APPROPRIATE", "LEARNING_POINT");

    @AggregateIdentifier
    private String referralId;
    private String childId;
    private String offenceId;
    private String youthJusticeService;
    private LocalDate referralDate;
    private LocalDate dueDate;
    private Integer referredGravityScore;
    private boolean admitted;
    private boolean overdue;
    private String panelId;
    private LocalDate meetingDate;
    private boolean withdrawn;
    private ReferralClosedByOutcomeElsewhere closedByOutcome;
    private String decisionId;
    private LocalDate conditionsEndDate;
    private boolean conditionsConcluded;
    private boolean conditionsEndDatePassed;
    private final Set<String> sampledDecisions = new HashSet<>();
    private final Set<String> scrutinised = new HashSet<>();
    private final Map<String, AssessmentNoted> assessments = new HashMap<>();
    private final Map<String, VictimContactNoted> victims = new HashMap<>();

    protected PanelReferral() {
        // for Axon: the referral is rebuilt from its events (and created by the first ReceiveReferral)
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveReferral command, DecisionDeadline deadline) {
        if (referralId != null) {
            return; // redelivered: the referral is already here
        }
        if (command.referralDate() == null) {
            throw new DomainRefusal("referralDate", "a referral needs its date");
        }
        if (command.gravityScore() != null && (command.gravityScore() < 1 || command.gravityScore() > 5)) {
            throw new DomainRefusal("gravityScore", "the gravity score is 1 to 5");
        }
        record(new ReferralReceived(command.referralId(), command.childId(), command.offenceId(),
                        command.youthJusticeService(), command.referralDate(), command.gravityScore(),
                        command.admitted(), deadline.due(command.referralDate())),
                command.youthJusticeService());
    }

    @CommandHandler
    public void handle(NoteAssessment command) {
        if (closedByOutcome != null) {
            return; // nothing left for the panel to decide: what would inform a decision is not worth an event
        }
        AssessmentNoted noted = new AssessmentNoted(referralId, command.assessmentId(), command.tool(),
                command.completedOn(), command.qualityAssuredOn());
        if (!noted.equals(assessments.get(command.assessmentId()))) {
            record(noted); // a redelivered assessment is already noted; a changed one (now assured) is news
        }
    }

    @CommandHandler
    public void handle(NoteVictimContact command) {
        if (!VICTIM_RESULTS.contains(command.result())) {
            throw new DomainRefusal("result", "victim contact result must be one of " + VICTIM_RESULTS);
        }
        if (closedByOutcome != null) {
            return; // as for an assessment: the referral is closed
        }
        VictimContactNoted noted = new VictimContactNoted(referralId, command.victimId(), command.contactedOn(),
                command.result(), command.consentedToContact(), command.restorativeJusticeOffered());
        if (!noted.equals(victims.get(command.victimId()))) {
            record(noted);
        }
    }

    @CommandHandler
    public void handle(PlaceOnAgenda command) {
        requireOpen("panelId");
        if (panelId != null) {
            throw DomainRefusal.conflict("panelId", "the case is already on the agenda of panel " + panelId
                    + "; carry it over instead");
        }
        record(new PlacedOnAgenda(referralId, command.panelId(), command.meetingDate()));
    }

    @CommandHandler
    public void handle(CarryOver command) {
        requireOpen("toPanelId");
        if (panelId == null) {
            throw DomainRefusal.conflict("toPanelId", "the case is not on an agenda yet; place it on one");
        }
        if (!command.toMeetingDate().isAfter(meetingDate)) {
            throw new DomainRefusal("toPanelId", "a case is carried over to a later meeting than " + meetingDate);
        }
        requireText(command.reason(), "reason", "say why the case is carried over");
        record(new CarriedOver(referralId, panelId, command.toPanelId(), command.toMeetingDate(), command.reason()));
    }

    @CommandHandler
    public void handle(WithdrawReferral command, Clock clock) {
        requireOpen("referralId");
        requireText(command.reason(), "reason", "say why the case is withdrawn");
        record(new ReferralWithdrawn(referralId, panelId, command.reason(), LocalDate.now(clock)));
    }

    /**
     * The outcome was given outside the panel while the referral was open: it closes. Once closed, decided or
     * withdrawn there is nothing to close, so a redelivery (or a late outcome) records nothing.
     */
    @CommandHandler
    public void handle(CloseOnOutcomeElsewhere command) {
        if (closedByOutcome != null || withdrawn || decisionId != null) {
            return;
        }
        record(new ReferralClosedByOutcomeElsewhere(referralId, childId, offenceId, youthJusticeService, panelId,
                command.outcomeCode(), command.outcomeDate()));
    }

    @CommandHandler
    public void handle(RecordDecision command, DecisionRules rules, DecisionDeadline deadline,
                       ScrutinySampling sampling, MeetingAttendance attendance, Clock clock) {
        requireOpen("referralId");
        if (panelId == null || !panelId.equals(command.panelId())) {
            throw DomainRefusal.notFound("offenceId", "child " + childId + "'s offence " + offenceId
                    + " is not on the agenda of panel " + command.panelId());
        }
        if (meetingDate.isAfter(LocalDate.now(clock))) {
            throw DomainRefusal.conflict("panelId", "the panel meets on " + meetingDate + " and has not met yet");
        }
        Decided decided = check(rules, command.outcomeCode(), command.gravityScore(), command.rationale(),
                command.assessmentOverrideReason(), command.conditions(), command.conditionsEndDate(), meetingDate);
        QuorumOverridden quorumOverride = quorum(attendance, command.decisionId(), command.quorumOverrideReason());
        if (quorumOverride != null) {
            record(quorumOverride);
        }
        int workingDaysTaken = deadline.workingDaysTaken(referralDate, meetingDate);
        record(new DecisionRecorded(referralId, command.decisionId(), panelId, childId, offenceId, youthJusticeService,
                command.outcomeCode(), meetingDate, decided.gravityScore(), command.rationale(),
                command.interventionAgreed(), command.dissent(), decided.overrideReason(), decided.conditions(),
                command.conditionsEndDate(), workingDaysTaken,
                !meetingDate.isAfter(deadline.due(referralDate))));
        sample(sampling, command.decisionId(), command.outcomeCode(),
                decided.overrideReason() != null || quorumOverride != null);
    }

    /**
     * A decision is taken at a quorate meeting, or on the chair's recorded override of the quorum; the
     * meeting's attendance must be recorded first, since an unknown quorum cannot be overridden knowingly.
     * Returns the override to record, or null when the meeting was quorate.
     */
    private QuorumOverridden quorum(MeetingAttendance attendance, String decisionId, String overrideReason) {
        AttendanceRecorded present = attendance.latest(panelId).orElseThrow(() -> DomainRefusal.conflict("panelId",
                "who attended panel " + panelId + " is not recorded; record the attendance before its decisions"));
        if (present.quorate()) {
            return null;
        }
        if (overrideReason == null || overrideReason.isBlank()) {
            throw new DomainRefusal("quorumOverrideReason", "panel " + panelId + " was not quorate (it lacked "
                    + String.join(", ", present.quorumShortfall()) + "); the chair may decide only with an "
                    + "override and its reason");
        }
        return new QuorumOverridden(referralId, decisionId, panelId, meetingDate,
                List.copyOf(present.quorumShortfall()), overrideReason);
    }

    @CommandHandler
    public void handle(AmendDecision command, DecisionRules rules, ScrutinySampling sampling, Clock clock) {
        if (decisionId == null) {
            throw DomainRefusal.conflict("referralId", "the panel has not decided this case; there is nothing to amend");
        }
        requireText(command.reason(), "reason", "a decision is amended only with a reason");
        LocalDate today = LocalDate.now(clock);
        Decided decided = check(rules, command.outcomeCode(), command.gravityScore(), command.rationale(),
                command.assessmentOverrideReason(), command.conditions(), command.conditionsEndDate(), today);
        record(new DecisionAmended(referralId, command.amendmentId(), decisionId, panelId, childId, offenceId,
                youthJusticeService, command.outcomeCode(), today, decided.gravityScore(), command.rationale(),
                command.interventionAgreed(), command.dissent(), decided.overrideReason(), decided.conditions(),
                command.conditionsEndDate(), command.reason()));
        sample(sampling, command.amendmentId(), command.outcomeCode(), decided.overrideReason() != null);
    }

    @CommandHandler
    public void handle(RecordScrutinyFinding command, Clock clock) {
        if (!sampledDecisions.contains(command.decisionId())) {
            throw DomainRefusal.notFound("decisionId", "decision " + command.decisionId()
                    + " was not sampled for scrutiny");
        }
        if (scrutinised.contains(command.decisionId())) {
            throw DomainRefusal.conflict("decisionId", "the scrutiny panel's finding on this decision is recorded");
        }
        if (!FINDINGS.contains(command.finding())) {
            throw new DomainRefusal("finding", "the finding is one of " + FINDINGS);
        }
        if ("LEARNING_POINT".equals(command.finding())) {
            requireText(command.learningPoint(), "learningPoint", "a learning point says what was learnt");
        }
        record(new ScrutinyFindingRecorded(referralId, command.decisionId(), command.finding(),
                command.learningPoint(), LocalDate.now(clock)));
    }

    /** Decisions and amendments are sampled alike: an amendment can change a case as much as a decision. */
    private void sample(ScrutinySampling sampling, String id, String outcome, boolean override) {
        List<String> reasons = sampling.reasons(id, outcome, override);
        if (!reasons.isEmpty()) {
            record(new SelectedForScrutiny(referralId, id, outcome, reasons));
        }
    }

    @CommandHandler
    public void handle(MarkDecisionOverdue command) {
        if (decisionId == null && !withdrawn && closedByOutcome == null && !overdue) {
            record(new DecisionOverdue(referralId, youthJusticeService, dueDate));
        }
    }

    /** Ignored unless the conditions are still open and their end date (as last amended) is past. */
    @CommandHandler
    public void handle(MarkConditionsEndDatePassed command, Clock clock) {
        if (conditionsEndDate != null && !conditionsConcluded && !conditionsEndDatePassed
                && LocalDate.now(clock).isAfter(conditionsEndDate)) {
            record(new ConditionsEndDatePassed(referralId, decisionId, youthJusticeService, conditionsEndDate));
        }
    }

    @CommandHandler
    public void handle(RecordConditionsCompleted command) {
        requireConditionsOpen();
        record(new ConditionsCompleted(referralId, decisionId, command.completedOn()));
    }

    @CommandHandler
    public void handle(RecordConditionsNotCompleted command) {
        requireConditionsOpen();
        requireText(command.reason(), "reason", "say why the conditions were not completed");
        if (command.recordedOn().isBefore(conditionsEndDate)) {
            throw new DomainRefusal("recordedOn", "the conditions run until " + conditionsEndDate
                    + "; non-completion is recorded after that");
        }
        record(new ConditionsNotCompleted(referralId, decisionId, childId, offenceId, youthJusticeService,
                conditionsEndDate, command.recordedOn(), command.reason()));
    }

    /** The checks a decision and an amendment share; returns what is recorded. */
    private Decided check(DecisionRules rules, String outcome, Integer gravityScore, String rationale,
                          String overrideReason, List<String> conditions, LocalDate conditionsEnd, LocalDate decidedOn) {
        if (!rules.allows(outcome)) {
            throw new DomainRefusal("outcomeCode", "the panel cannot decide " + outcome + "; it decides one of "
                    + rules.outcomes());
        }
        if (rules.needsAdmission(outcome) && !admitted) {
            throw new DomainRefusal("outcomeCode", outcome + " needs an admission and child " + childId
                    + " has not admitted offence " + offenceId);
        }
        Integer gravity = gravityScore != null ? gravityScore : referredGravityScore;
        if (gravity == null) {
            throw new DomainRefusal("gravityScore", "the referral has no gravity score; the panel must give one (1 to 5)");
        }
        if (gravity < 1 || gravity > 5) {
            throw new DomainRefusal("gravityScore", "the gravity score is 1 to 5");
        }
        requireText(rationale, "rationale", "the panel's decision needs its rationale");
        boolean assured = assessments.values().stream().anyMatch(a -> a.qualityAssuredOn() != null);
        if (!assured && (overrideReason == null || overrideReason.isBlank())) {
            throw new DomainRefusal("assessmentOverrideReason", "the assessment is not quality-assured; the chair "
                    + "may decide only with an override and its reason");
        }
        List<String> conditionList = conditions == null ? List.of() : List.copyOf(conditions);
        if (rules.hasConditions(outcome)) {
            if (conditionList.isEmpty() || conditionList.stream().anyMatch(c -> c == null || c.isBlank())) {
                throw new DomainRefusal("conditions", outcome + " needs its conditions");
            }
            if (conditionsEnd == null || !conditionsEnd.isAfter(decidedOn)) {
                throw new DomainRefusal("conditionsEndDate", "the conditions need an end date after " + decidedOn);
            }
        } else if (!conditionList.isEmpty() || conditionsEnd != null) {
            throw new DomainRefusal(conditionList.isEmpty() ? "conditionsEndDate" : "conditions",
                    "only " + rules.conditionalCaution() + " carries conditions");
        }
        return new Decided(gravity, assured ? null : overrideReason, conditionList);
    }

    private record Decided(Integer gravityScore, String overrideReason, List<String> conditions) {
    }

    private void requireOpen(String field) {
        if (withdrawn) {
            throw DomainRefusal.conflict(field, "the referral was withdrawn");
        }
        if (closedByOutcome != null) {
            throw DomainRefusal.conflict(field, "the referral is closed: case-service recorded the outcome "
                    + closedByOutcome.outcomeCode() + " on " + closedByOutcome.outcomeDate()
                    + " outside the panel, so there is nothing left for the panel to decide");
        }
        if (decisionId != null) {
            throw DomainRefusal.conflict(field, "the panel has already decided this case; amend the decision instead");
        }
    }

    private void requireConditionsOpen() {
        if (conditionsEndDate == null) {
            throw DomainRefusal.conflict("referralId", "the decision is not a youth conditional caution with conditions");
        }
        if (conditionsConcluded) {
            throw DomainRefusal.conflict("referralId", "the conditions' completion is already recorded");
        }
    }

    private static void requireText(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw new DomainRefusal(field, message);
        }
    }

    /** Every event carries the child's home service, so what is published is tagged with it. */
    private void record(Object event) {
        record(event, youthJusticeService);
    }

    private static void record(Object event, String service) {
        apply(event, MetaData.with(RecordingMetadata.YOUTH_JUSTICE_SERVICE, service));
    }

    @EventSourcingHandler
    void on(ReferralReceived event) {
        referralId = event.referralId();
        childId = event.childId();
        offenceId = event.offenceId();
        youthJusticeService = event.youthJusticeService();
        referralDate = event.referralDate();
        referredGravityScore = event.gravityScore();
        admitted = event.admitted();
        dueDate = event.decisionDueDate();
    }

    @EventSourcingHandler
    void on(AssessmentNoted event) {
        assessments.put(event.assessmentId(), event);
    }

    @EventSourcingHandler
    void on(VictimContactNoted event) {
        victims.put(event.victimId(), event);
    }

    @EventSourcingHandler
    void on(PlacedOnAgenda event) {
        panelId = event.panelId();
        meetingDate = event.meetingDate();
    }

    @EventSourcingHandler
    void on(CarriedOver event) {
        panelId = event.toPanelId();
        meetingDate = event.toMeetingDate();
    }

    @EventSourcingHandler
    void on(ReferralWithdrawn event) {
        withdrawn = true;
    }

    @EventSourcingHandler
    void on(ReferralClosedByOutcomeElsewhere event) {
        closedByOutcome = event;
    }

    @EventSourcingHandler
    void on(DecisionRecorded event) {
        decisionId = event.decisionId();
        conditionsEndDate = event.conditionsEndDate();
    }

    @EventSourcingHandler
    void on(DecisionAmended event) {
        conditionsEndDate = event.conditionsEndDate();
        conditionsEndDatePassed = false; // a new end date, watched afresh
    }

    @EventSourcingHandler
    void on(ConditionsEndDatePassed event) {
        conditionsEndDatePassed = true;
    }

    @EventSourcingHandler
    void on(DecisionOverdue event) {
        overdue = true;
    }

    @EventSourcingHandler
    void on(SelectedForScrutiny event) {
        sampledDecisions.add(event.decisionId());
    }

    @EventSourcingHandler
    void on(ScrutinyFindingRecorded event) {
        scrutinised.add(event.decisionId());
    }

    @EventSourcingHandler
    void on(ConditionsCompleted event) {
        conditionsConcluded = true;
    }

    @EventSourcingHandler
    void on(ConditionsNotCompleted event) {
        conditionsConcluded = true;
    }
}
