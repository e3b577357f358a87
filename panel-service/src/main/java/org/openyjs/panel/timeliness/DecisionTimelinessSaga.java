package org.openyjs.panel.timeliness;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.openyjs.panel.api.ReferralCommands.MarkDecisionOverdue;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.openyjs.panel.api.ReferralEvents.ReferralReceived;
import org.openyjs.panel.api.ReferralEvents.ReferralWithdrawn;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The panel's decision is due a configured number of working days after the referral. If the due
 * date passes without a decision, the referral is marked overdue; a decision or a withdrawal first
 * cancels the deadline. The due date itself is worked out when the referral arrives (and stored on
 * {@code ReferralReceived}), so a change to the bank holidays never moves a deadline already set.
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

    @StartSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ReferralReceived event) {
        referralId = event.referralId();
        // Overdue from the first moment of the day after the due date, English time.
        deadlineId = deadlines.schedule(
                event.decisionDueDate().plusDays(1).atTime(LocalTime.MIDNIGHT).atZone(ENGLAND).toInstant(),
                DECISION_DUE);
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
