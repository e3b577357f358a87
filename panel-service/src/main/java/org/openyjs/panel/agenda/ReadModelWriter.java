package org.openyjs.panel.agenda;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-model projection's writes, collected over the processor's batch (one unit of work) and sent to
 * PostgreSQL as JDBC batches just before that batch commits, in the transaction that stores the processor's
 * token: a replay costs a few round trips per batch instead of one to four per event.
 *
 * <p>Order. Every row of the read model is written by the events of one aggregate only (a referral's rows by
 * that referral, a meeting's by that meeting), so the statements of different aggregates commute and only each
 * aggregate's own order has to be kept. They are sent in rounds: round n holds the n-th statement of every
 * aggregate in the batch, and within a round the statements with the same SQL go as one JDBC batch. Each
 * statement stays an upsert or a keyed update, so a batch handled again after a failure leaves the same rows.
 *
 * <p>Failure. A statement that fails fails the flush; the unit of work rolls back, rows and token together, and
 * the processor retries the batch: nothing of a batch is half-written. Outside a unit of work, and for an event
 * that no aggregate applied, statements run at once (after whatever is pending, to keep the order).
 */
@Component
public class ReadModelWriter {

    private static final String PENDING = ReadModelWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public ReadModelWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs {@code sql} with {@code args} before the current unit of work commits (at once without one). */
    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        UnitOfWork<?> root = unitOfWork.root();
        Pending pending = root.getOrComputeResource(PENDING, key -> {
            Pending created = new Pending();
            root.onPrepareCommit(u -> created.flush(jdbc));
            return created;
        });
        Message<?> message = unitOfWork.getMessage();
        if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
            pending.add(event.getAggregateIdentifier(), sql, args);
        } else {
            pending.flush(jdbc);
            jdbc.update(sql, args);
        }
    }

    private record Statement(String sql, Object[] args) {
    }

    /** The statements of one unit of work, in order per aggregate. */
    static final class Pending {

        private final Map<String, List<Statement>> byAggregate = new LinkedHashMap<>();
        private int depth;

        void add(String aggregate, String sql, Object[] args) {
            List<Statement> statements = byAggregate.computeIfAbsent(aggregate, a -> new ArrayList<>());
            statements.add(new Statement(sql, args));
            depth = Math.max(depth, statements.size());
        }

        void flush(JdbcTemplate jdbc) {
            for (int round = 0; round < depth; round++) {
                Map<String, List<Object[]>> bySql = new LinkedHashMap<>();
                for (List<Statement> statements : byAggregate.values()) {
                    if (round < statements.size()) {
                        Statement statement = statements.get(round);
                        bySql.computeIfAbsent(statement.sql(), s -> new ArrayList<>()).add(statement.args());
                    }
                }
                bySql.forEach((sql, rows) -> {
                    if (rows.size() == 1) {
                        jdbc.update(sql, rows.get(0));
                    } else {
                        jdbc.batchUpdate(sql, rows);
                    }
                });
            }
            byAggregate.clear();
            depth = 0;
        }
    }
}
