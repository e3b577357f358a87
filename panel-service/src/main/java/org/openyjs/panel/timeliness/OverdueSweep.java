package org.openyjs.panel.timeliness;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.openyjs.panel.agenda.AgendaQueries;
import org.openyjs.panel.api.ReferralCommands.MarkConditionsEndDatePassed;
import org.openyjs.panel.api.ReferralCommands.MarkDecisionOverdue;
import org.openyjs.panel.rebuild.ReadModelRebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The safety net behind {@link DecisionTimelinessSaga}'s deadlines. The deadlines are kept in PostgreSQL
 * now ({@link DeadlineConfiguration}) and survive a restart, but referrals received while they were kept
 * in memory have none left; this sweep marks overdue, at start-up and daily, every undecided referral whose
 * due date has passed, and flags every conditional caution whose conditions ended unrecorded (decisions
 * taken before {@link ConditionsEndSaga} watched them). A referral still within its late-referral grace
 * ({@link LateReferralGrace}) is left to its deadline, as the saga would. Both commands are idempotent, so the sweep and a
 * deadline may both fire. It does not run while the read models are being rebuilt: a partial read model
 * would show decided referrals as undecided, and the sweep would send a command for each.
 */
@Component
@EnableScheduling
public class OverdueSweep {

    private static final Logger log = LoggerFactory.getLogger(OverdueSweep.class);

    private final AgendaQueries queries;
    private final CommandGateway commands;
    private final Clock clock;
    private final ReadModelRebuild rebuild;
    private final LateReferralGrace grace;

    public OverdueSweep(AgendaQueries queries, CommandGateway commands, Clock clock, ReadModelRebuild rebuild,
                        LateReferralGrace grace) {
        this.queries = queries;
        this.commands = commands;
        this.clock = clock;
        this.rebuild = rebuild;
        this.grace = grace;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStart() {
        sweep();
    }

    @Scheduled(cron = "${panel.timeliness.overdue-sweep-cron}", zone = "Europe/London")
    public void sweep() {
        if (rebuild.isRebuilding()) {
            log.info("Overdue sweep skipped: the read models are being rebuilt (the deadlines still fire)");
            return;
        }
        int marked = 0;
        for (String referralId : queries.overdueUnmarked(LocalDate.now(clock),
                clock.instant().minus(grace.duration()))) {
            try {
                commands.sendAndWait(new MarkDecisionOverdue(referralId));
                marked++;
            } catch (RuntimeException e) {
                log.warn("Could not mark referral {} overdue: {}", referralId, e.getMessage());
            }
        }
        int flagged = 0;
        for (String referralId : queries.conditionsEndedUnflagged(LocalDate.now(clock))) {
            try {
                commands.sendAndWait(new MarkConditionsEndDatePassed(referralId));
                flagged++;
            } catch (RuntimeException e) {
                log.warn("Could not flag referral {}'s conditions: {}", referralId, e.getMessage());
            }
        }
        if (marked > 0 || flagged > 0) {
            log.info("Overdue sweep marked {} referral(s) overdue and flagged {} conditional caution(s) whose "
                    + "conditions ended unrecorded", marked, flagged);
        }
    }
}
