package org.openyjs.kpi.readmodel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * When the precomputed tables (V10: kpi_effective_outcome, kpi_first_entry; V11: kpi_case_closed; V12:
 * kpi_ended_order, kpi_effective_victim_contact; V14: kpi_reoffending_index, kpi_reoffence; V18:
 * kpi_looked_after_spell) are derived. Normally each poll refreshes the children it touched ({@link ProjectionBatch#flush()}).
 * While a rebuild replays, that per-poll refresh is deferred and the tables are derived once, set-based, over every child when the replay reaches its end:
 * a replay touches every child, and one statement over all of them costs a fraction of one per poll.
 *
 * <p>Polls run on several consumer threads (one per partition; a child's events are all on one partition, keyed by
 * child, so no two polls touch the same child). A derivation over every child must not run beside a poll: a poll
 * committing while it runs would leave facts the derivation did not see and the deferred poll did not refresh. So
 * polls share a lock ({@link #duringPoll}) that the derivation takes alone.
 */
@Component
public class PrecomputedOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PrecomputedOutcomes.class);
    /** The facts' "no cut" (OutcomeFacts.END_OF_TIME) as an instant: everything recorded. */
    private static final Instant END_OF_TIME = OutcomeFacts.END_OF_TIME.toInstant();

    /** The derivation's second lane: a thread of its own while it runs (once per rebuild), a daemon. */
    private static final Executor SECOND_LANE = work -> {
        Thread thread = new Thread(work, "kpi-derivation-lane");
        thread.setDaemon(true);
        thread.start();
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    // Set and cleared by the rebuild; read by the consumer thread at each poll.
    private volatile boolean deferred;
    // Fair: the derivation waits for the polls in flight, not behind every poll that follows them.
    private final ReentrantReadWriteLock polls = new ReentrantReadWriteLock(true);

    private final Counter derivations;

    public PrecomputedOutcomes(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.derivations = Counter.builder("kpi.precomputed.derivations")
                .description("Derivations of the precomputed tables over every child (once per rebuild)")
                .register(meters);
    }

    /** From now on polls leave the tables alone, until {@link #refreshAll()}. */
    public void defer() {
        deferred = true;
    }

    /** Whether polls currently leave the tables to a refresh of every child (a rebuild is replaying). */
    public boolean deferred() {
        return deferred;
    }

    /** Runs one poll's work (its transaction, deciding whether it refreshes) never beside {@link #refreshAll()}. */
    public <T> T duringPoll(Supplier<T> poll) {
        return locked(polls.readLock(), poll);
    }

    private static <T> T locked(Lock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The as-of cut a figure reads the outcomes with: the one asked for; for "now" none (the precomputed tables),
     * except while they are deferred (a rebuild replaying), when "now" reads the facts replayed so far, as before
     * V10, rather than empty tables: the figure is as partial as the replay (provisional says so), not zero.
     */
    public Instant readCut(Instant recordedBefore) {
        return recordedBefore == null && deferred ? END_OF_TIME : recordedBefore;
    }

    /**
     * The tables derived again for every child, then polls refresh what they touch again. Waits for the polls in
     * flight to commit; polls wait for it.
     */
    public void refreshAll() {
        locked(polls.writeLock(), () -> {
            deriveAll();
            return null;
        });
    }

    /**
     * Two lanes, each one transaction on a connection of its own, so PostgreSQL derives on both cores: the outcomes
     * and the reoffending derived from them (at a million events 9.4 s of the 15 s, one after the other) beside the
     * four tables that need nothing of them. Until both have committed the tables stay deferred ("now" reads the
     * facts); if a lane fails they stay deferred and the error goes to the caller, and a lane that did commit is
     * derived again with the rest next time (each step replaces its children's rows).
     */
    private void deriveAll() {
        long start = System.nanoTime();
        List<String> beside = new ArrayList<>();
        CompletableFuture<Void> otherLane = CompletableFuture.runAsync(() -> lane(() -> {
            step(beside, "case state", "SELECT kpi_refresh_case_state(ARRAY(SELECT DISTINCT child_id FROM kpi_case_change))");
            step(beside, "ended orders", "SELECT kpi_refresh_ended_orders(ARRAY(SELECT child_id FROM kpi_child))");
            step(beside, "victim contacts", "SELECT kpi_refresh_victim_contacts(ARRAY(SELECT child_id FROM kpi_child))");
            step(beside, "looked after", "SELECT kpi_refresh_looked_after(ARRAY(SELECT child_id FROM kpi_child))");
            analyze(beside, "kpi_case_closed, kpi_ended_order, kpi_effective_victim_contact, kpi_looked_after_spell");
        }), SECOND_LANE);
        List<String> steps = new ArrayList<>();
        RuntimeException failed = null;
        try {
            lane(() -> {
                step(steps, "outcomes", "SELECT kpi_derive_effective_outcomes()");
                // What follows reads the effective outcomes just written in this transaction, which autovacuum cannot
                // see: planned with the statistics of the emptied table (V22), the first entries took over 9 minutes.
                analyze(steps, "kpi_effective_outcome");
                step(steps, "first entries", "SELECT kpi_refresh_first_entries(ARRAY(SELECT child_id FROM kpi_child))");
                step(steps, "reoffending", "SELECT kpi_derive_reoffending()");
                // Refilled from empty: planned with the empty tables' statistics until autovacuum looked, a period's
                // cohort took seconds (500k events).
                analyze(steps, "kpi_first_entry, kpi_reoffending_index, kpi_reoffence");
            });
        } catch (RuntimeException e) {
            failed = e;
        }
        // Never leave the other lane running unwatched, whichever way this one ended; both failures are reported.
        try {
            otherLane.join();
        } catch (CompletionException e) {
            RuntimeException other = e.getCause() instanceof RuntimeException cause ? cause : e;
            if (failed == null) {
                failed = other;
            } else {
                failed.addSuppressed(other);
            }
        }
        if (failed != null) {
            throw failed;
        }
        deferred = false;
        derivations.increment();
        // Per step, so a slow derivation at scale shows which function to look at.
        log.info("Precomputed outcomes derived for every child in {} ms ({}; beside them: {})",
                (System.nanoTime() - start) / 1_000_000, String.join(", ", steps), String.join(", ", beside));
    }

    /**
     * A lane's steps in one transaction, planned without nested loops. The refresh functions take the children as an
     * array, which their generic plans estimate at 10 rows whatever its size: right for a poll's few children (an index
     * probe each), but for every child it meant 115,000 probes per table joined. At a million events the four steps
     * beside the outcomes took 10 s of CPU with nested loops and 6 s with hash joins. A lateral look-up (an order's last
     * status, an outcome's last correction) stays a nested loop: the planner has no other way to run it.
     */
    private void lane(Runnable steps) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("SET LOCAL enable_nestloop = off").update();
            steps.run();
        });
    }

    /** A derivation function called, timed into the steps. */
    private void step(List<String> steps, String name, String sql) {
        timed(steps, name, () -> jdbc.sql(sql).query((rs, n) -> 0).list());
    }

    /** The tables analyzed (a statement without a result), timed into the steps. */
    private void analyze(List<String> steps, String tables) {
        timed(steps, "analyze", () -> jdbc.sql("ANALYZE " + tables).update());
    }

    private static void timed(List<String> steps, String name, Runnable work) {
        long start = System.nanoTime();
        work.run();
        steps.add(name + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * The deferral lives in memory: a service stopped while a rebuild replayed restarts with outcomes that were
     * replayed but never refreshed. Their rows are missing (rows present are exact: each was derived from the facts
     * of its child, and any later change of the child refreshed it again), so comparing counts finds them; then
     * everything is derived before the consumer starts.
     */
    @PostConstruct
    public void refreshIfIncomplete() {
        boolean complete = Boolean.TRUE.equals(jdbc.sql("""
                        SELECT (SELECT count(*) FROM kpi_effective_outcome)
                             = (SELECT count(*) FROM kpi_outcome o JOIN kpi_child c ON c.child_id = o.child_id)
                           -- One closed spell per closure of a registered child (V11, V20), empty or not.
                           AND (SELECT count(*) FROM kpi_case_closed)
                             = (SELECT count(*) FROM kpi_case_change x JOIN kpi_child c ON c.child_id = x.child_id
                                WHERE x.change = 'CLOSED')
                           AND (SELECT count(*) FROM kpi_ended_order)
                             = (SELECT count(*) FROM kpi_order o JOIN kpi_child c ON c.child_id = o.child_id
                                WHERE o.end_date IS NOT NULL)
                           AND (SELECT count(*) FROM kpi_effective_victim_contact)
                             = (SELECT count(*) FROM kpi_victim_contact v JOIN kpi_child c ON c.child_id = v.child_id)
                           -- One looked-after spell per answer of yes with a day (V18), empty or not.
                           AND (SELECT count(*) FROM kpi_looked_after_spell)
                             = (SELECT count(*) FROM kpi_status s JOIN kpi_child c ON c.child_id = s.child_id
                                WHERE s.looked_after
                                  AND (s.assessed_on IS NOT NULL OR s.recorded_at IS NOT NULL))
                        """).query(Boolean.class).single());
        // Not counted: the reoffending tables (V14). refreshAll derives them in the transaction that completes the
        // effective outcomes, and a poll refreshes them with the outcomes it touched, so complete outcomes mean
        // complete reoffending state; counting its candidates here derived them for every child at each start.
        if (!complete) {
            log.warn("Precomputed outcomes incomplete (a rebuild was interrupted?): deriving them for every child");
            refreshAll();
        }
    }
}
