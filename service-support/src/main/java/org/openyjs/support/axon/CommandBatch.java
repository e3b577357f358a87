package org.openyjs.support.axon;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs many commands as one: one database transaction and one Axon unit of work, each command sent in a unit of work
 * nested in it (the command bus dispatches on the caller's thread and joins the transaction). Axon keeps the
 * aggregates loaded in the root unit of work and appends the nested ones' events at the root's commit, so an aggregate
 * is read from the event store once for all its commands, the events go in as one JDBC batch, and the event
 * processors that follow the store see one batch instead of one event at a time.
 *
 * <p>On the first failure everything is rolled back and the caller is told which step failed, or that the commit did
 * (a conflict found only when appending names no command): it then applies the steps before again and the failing
 * one alone, so each failure gets the answer it would get on its own. Used by case-service's import and
 * panel-service's listener of case events.
 */
public class CommandBatch {

    /** A step (counted from 0) that failed, or {@link #OK}, or {@link #AT_COMMIT}; and the failure. */
    public record Attempt(int failedAt, RuntimeException error) {
        public static final int OK = -1;
        public static final int AT_COMMIT = -2;

        public boolean succeeded() {
            return failedAt == OK;
        }

        public boolean failedAtCommit() {
            return failedAt == AT_COMMIT;
        }
    }

    private final TransactionTemplate transactions;

    public CommandBatch(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Applies the items in batches, each through {@code attempt} (which reports its own success): up to a failing
     * item the items again as a batch, the failing one through {@code alone}, then the rest the same way; when the
     * commit failed, every item alone.
     */
    public static <T> void inBatches(List<T> items, Function<List<T>, Attempt> attempt, Consumer<T> alone) {
        int start = 0;
        while (start < items.size()) {
            List<T> rest = items.subList(start, items.size());
            Attempt result = attempt.apply(rest);
            if (result.succeeded()) {
                return;
            }
            if (result.failedAtCommit()) {
                rest.forEach(alone);
                return;
            }
            if (result.failedAt() > 0) {
                inBatches(rest.subList(0, result.failedAt()), attempt, alone);
            }
            alone.accept(rest.get(result.failedAt()));
            start += result.failedAt() + 1;
        }
    }

    /** {@link #attempt(Runnable, int, IntConsumer)} with nothing before the steps. */
    public Attempt attempt(int steps, IntConsumer step) {
        return attempt(() -> { }, steps, step);
    }

    /**
     * Runs {@code before} and then {@code step} for 0 to {@code steps - 1} in one transaction and unit of work, and
     * commits. A failure of {@code before} counts as step 0's.
     */
    public Attempt attempt(Runnable before, int steps, IntConsumer step) {
        int[] failedAt = {Attempt.OK};
        RuntimeException[] error = {null};
        try {
            transactions.executeWithoutResult(status -> {
                DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
                try {
                    failedAt[0] = 0;
                    before.run();
                    for (int i = 0; i < steps; i++) {
                        failedAt[0] = i;
                        step.accept(i);
                    }
                    failedAt[0] = Attempt.AT_COMMIT;
                    batch.commit();
                    failedAt[0] = Attempt.OK;
                } catch (RuntimeException e) {
                    error[0] = e;
                    if (batch.isActive()) {
                        batch.rollback(e);
                    }
                    status.setRollbackOnly();
                }
            });
        } catch (RuntimeException e) {
            // the database commit itself failed: nothing of the batch is recorded
            return new Attempt(Attempt.AT_COMMIT, e);
        }
        return failedAt[0] == Attempt.OK ? new Attempt(Attempt.OK, null) : new Attempt(failedAt[0], error[0]);
    }

    /** The command handler's own exception under the gateway's wrapping. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CommandExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
