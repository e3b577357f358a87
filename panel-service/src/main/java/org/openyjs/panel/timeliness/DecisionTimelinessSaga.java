package org.openyjs.panel.timeliness;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.openyjs.panel.api.ReferralCommands.MarkDecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.ReferralClosedByOutcomeElsewhere;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The panel's decision is due a configured number of working days after the referral. If the due
 * date passes without a decision, the referral is marked overdue; a decision, a withdrawal or an outcome
 * given outside the panel first cancels the deadline. A referral received when its due date has already
 * passed (recorded late, or imported) is marked overdue only after a grace ({@link LateReferralGrace}):
 * an imported one is usually closed by its outcome a moment later. The due date itself is worked out when
 * the referral arrives (and stored on {@code ReferralReceived}), so a change to the bank holidays never
 * moves a deadline already set.
 */
@Saga
public class DecisionTimelinessSaga {

    static final String DECISION_DUE = "panel-decision-due";
    static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private String referralId;
    private String deadlineId;

    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient LateReferralGrace grace;

    @StartSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralReceived event, @Timestamp Instant receivedAt) {
        referralId = event.referralId();
        // Overdue from the first moment of the day after the due date, English time; not before the grace
        // after its arrival for a referral that arrives already late.
        Instant overdue = event.decisionDueDate().plusDays(1).atTime(LocalTime.MIDNIGHT).atZone(ENGLAND).toInstant();
        Instant afterGrace = receivedAt.plus(grace.duration());
        deadlineId = deadlines.schedule(overdue.isBefore(receivedAt) ? afterGrace : overdue, DECISION_DUE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(DecisionRecorded event) {
        deadlines.cancelSchedule(DECISION_DUE, deadlineId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralWithdrawn event) {
        deadlines.cancelSchedule(DECISION_DUE, deadlineId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralClosedByOutcomeElsewhere event) {
        deadlines.cancelSchedule(DECISION_DUE, deadlineId);
    }

    @DeadlineHandler(deadlineName = DECISION_DUE)
    public void decisionDue() {
        commands.send(new MarkDecisionOverdue(referralId));
        SagaLifecycle.end();
    }

    public String getReferralId() {
        return referralId;
    }

    public void setReferralId(String referralId) {
        this.referralId = referralId;
    }

    public String getDeadlineId() {
        return deadlineId;
    }

    public void setDeadlineId(String deadlineId) {
        this.deadlineId = deadlineId;
    }
}
