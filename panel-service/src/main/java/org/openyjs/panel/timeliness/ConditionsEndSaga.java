package org.openyjs.panel.timeliness;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.openyjs.panel.api.ReferralCommands.MarkConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralEvents.ConditionsCompleted;
import org.openyjs.panel.api.ReferralEvents.ConditionsNotCompleted;
import org.openyjs.panel.api.ReferralEvents.DecisionAmended;
import org.openyjs.panel.api.ReferralEvents.DecisionRecorded;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Watches a youth conditional caution's conditions: if their end date passes with neither completion
 * nor non-completion recorded, the referral is marked "completion not recorded" so the chair follows
 * it up. Recording either cancels the deadline. An amendment moves it to the new end date, or drops it
 * when the amended outcome carries no conditions; an amendment that adds conditions starts the watch.
 */
@Saga
public class ConditionsEndSaga {

    static final String CONDITIONS_END = "conditional-caution-conditions-end";

    private String referralId;
    private String deadlineId;

    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient CommandGateway commands;

    @StartSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(DecisionRecorded event) {
        referralId = event.referralId();
        watch(event.conditionsEndDate());
    }

    /** Joins the running saga if there is one, or starts one (conditions added by the amendment). */
    @StartSaga(forceNew = false)
    @SagaEventHandler(associationProperty = "referralId")
    public void on(DecisionAmended event) {
        referralId = event.referralId();
        cancel();
        watch(event.conditionsEndDate());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ConditionsCompleted event) {
        cancel();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "referralId")
    public void on(ConditionsNotCompleted event) {
        cancel();
    }

    @DeadlineHandler(deadlineName = CONDITIONS_END)
    public void conditionsEnded() {
        deadlineId = null;
        commands.send(new MarkConditionsEndDatePassed(referralId));
        SagaLifecycle.end();
    }

    /** Due from the first moment of the day after the end date, English time; no conditions, nothing to watch. */
    private void watch(LocalDate conditionsEndDate) {
        if (conditionsEndDate == null) {
            SagaLifecycle.end();
            return;
        }
        deadlineId = deadlines.schedule(conditionsEndDate.plusDays(1).atTime(LocalTime.MIDNIGHT)
                .atZone(DecisionTimelinessSaga.ENGLAND).toInstant(), CONDITIONS_END);
    }

    private void cancel() {
        if (deadlineId != null) {
            deadlines.cancelSchedule(CONDITIONS_END, deadlineId);
            deadlineId = null;
        }
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
