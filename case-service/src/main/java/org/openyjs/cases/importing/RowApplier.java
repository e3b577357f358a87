package org.openyjs.cases.importing;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.openyjs.cases.api.CaseCommands.RegisterChild;
import org.openyjs.cases.api.CaseEvents.ChildRegistered;
import org.openyjs.cases.access.CommandAudit;
import org.openyjs.cases.importing.ImportRows.ParsedRow;
import org.openyjs.support.axon.CommandBatch;
import org.openyjs.support.axon.CommandBatch.Attempt;
import org.openyjs.support.axon.RecordingMetadata;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies import rows through the same commands as the REST API, each row's command and the row's
 * record in {@code case_import_row} in ONE database transaction: Axon's unit of work joins the Spring
 * transaction opened here (SpringTransactionManager, SimpleCommandBus dispatching on this thread), and
 * the JDBC event store writes through the same connection. So a row is either on the case and
 * remembered, or neither; there is no window in which a crash could leave it recorded but forgotten.
 *
 * <p>The remembered row is claimed first ({@code INSERT ... ON CONFLICT DO NOTHING}): a row already
 * remembered is skipped without sending its command, and a second job of the same source racing this
 * one waits on the claim and then skips. Rows are applied in batches (one commit for many rows); when
 * a row fails, the batch is rolled back, the rows before it are applied again, and the failing row
 * alone, so its reason is the one it gets on its own.
 *
 * <p>A batch also runs in one Axon unit of work, each row's command in a unit of work nested in it.
 * Axon keeps loaded aggregates in the root unit of work and appends the nested ones' events at the
 * root's commit, so a child's case is read from the event store once per batch (not once per row: a
 * history's rows come child after child) and the batch's events go in as one JDBC batch. A conflict
 * found only when appending (a child already registered, a case changed meanwhile) names no row; the
 * batch's rows are then applied one by one.
 */
@Component
class RowApplier {

    private static final Logger log = LoggerFactory.getLogger(RowApplier.class);

    enum Result { IMPORTED, SKIPPED }

    /** What the job is told about each row. */
    interface Outcomes {
        void imported(ParsedRow row);

        void skipped(ParsedRow row);

        void rejected(ParsedRow row, String field, String reason);
    }

    /** The job a batch belongs to: its source (the rows' namespace), id and who started it. */
    record JobContext(UUID jobId, String source, String startedBy) {
    }

    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CommandBatch batches;
    private final EventStore eventStore;

    RowApplier(CommandGateway commands, JdbcClient jdbc, PlatformTransactionManager transactionManager,
               EventStore eventStore) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.batches = new CommandBatch(transactionManager);
        this.eventStore = eventStore;
    }

    /** Applies the rows in order; every row ends imported, skipped or rejected. */
    void apply(JobContext job, List<ParsedRow> rows, Outcomes outcomes) {
        CommandBatch.inBatches(rows, chunk -> {
            List<Result> results = new ArrayList<>(chunk.size());
            Attempt attempt = attempt(job, chunk, results);
            if (attempt.succeeded()) {
                report(chunk, results, outcomes);
            }
            return attempt;
        }, row -> applyAlone(job, row, outcomes));
    }

    private void applyAlone(JobContext job, ParsedRow row, Outcomes outcomes) {
        List<Result> results = new ArrayList<>(1);
        Attempt attempt = attempt(job, List.of(row), results);
        if (attempt.succeeded()) {
            report(List.of(row), results, outcomes);
            return;
        }
        Throwable error = CommandBatch.unwrap(attempt.error());
        if (error instanceof ConcurrencyException && !(error instanceof AggregateStreamCreationException)) {
            attempt = attempt(job, List.of(row), results); // someone else changed the case meanwhile: once more
            if (attempt.succeeded()) {
                report(List.of(row), results, outcomes);
                return;
            }
            error = CommandBatch.unwrap(attempt.error());
        }
        if (error instanceof DomainRefusal refusal) {
            outcomes.rejected(row, refusal.field(), refusal.getMessage());
        } else if (error instanceof AggregateNotFoundException) {
            outcomes.rejected(row, "childId", "no case for child " + row.childId()
                    + ": register the child (a RegisterChild row) before recording anything on the case");
        } else if (error instanceof AggregateStreamCreationException
                && row.command() instanceof RegisterChild register) {
            if (registeredWithSameFacts(register)) {
                remember(job, row, "ALREADY_PRESENT");
                outcomes.skipped(row);
            } else {
                outcomes.rejected(row, "childId", "a child with id " + register.childId()
                        + " is already registered with different facts");
            }
        } else if (error instanceof ConcurrencyException) {
            outcomes.rejected(row, null, "the case was changed by someone else while importing; run the import again");
        } else {
            log.warn("Import {} line {} (row {}) could not be recorded", job.jobId(), row.lineNumber(), row.rowId(), error);
            outcomes.rejected(row, null, "could not be recorded: " + error);
        }
    }

    /** The rows in one transaction and one unit of work; on the first failure everything in it is rolled back. */
    private Attempt attempt(JobContext job, List<ParsedRow> rows, List<Result> results) {
        results.clear();
        Set<String> claimed = new HashSet<>();
        Attempt attempt = batches.attempt(() -> claimed.addAll(claimAll(job, rows)), rows.size(), i -> {
            ParsedRow row = rows.get(i);
            if (claimed.remove(row.rowId())) {
                commands.sendAndWait(message(job, row));
                results.add(Result.IMPORTED);
            } else {
                results.add(Result.SKIPPED);
            }
        });
        if (!attempt.succeeded()) {
            results.clear();
        }
        return attempt;
    }

    /**
     * Claims the batch's rows with one statement; the ids claimed (a row id twice in the batch is claimed
     * once: its first line). Rows already remembered are not returned.
     */
    private Set<String> claimAll(JobContext job, List<ParsedRow> rows) {
        String[] rowIds = rows.stream().map(ParsedRow::rowId).toArray(String[]::new);
        Integer[] lines = rows.stream().map(ParsedRow::lineNumber).toArray(Integer[]::new);
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO case_import_row (source, row_id, result, job_id, line_number)
                        SELECT ?, r.row_id, 'IMPORTED', ?, r.line_number
                        FROM unnest(?::varchar[], ?::int[]) WITH ORDINALITY AS r(row_id, line_number, n)
                        ORDER BY r.n
                        ON CONFLICT (source, row_id) DO NOTHING
                        RETURNING row_id""")
                .params(job.source(), job.jobId(), rowIds, lines)
                .query(String.class).list());
    }

    private boolean claim(JobContext job, ParsedRow row, String result) {
        return jdbc.sql("""
                        INSERT INTO case_import_row (source, row_id, result, job_id, line_number)
                        VALUES (:source, :rowId, :result, :jobId, :line)
                        ON CONFLICT (source, row_id) DO NOTHING""")
                .param("source", job.source()).param("rowId", row.rowId()).param("result", result)
                .param("jobId", job.jobId()).param("line", row.lineNumber())
                .update() == 1;
    }

    private void remember(JobContext job, ParsedRow row, String result) {
        transactions.executeWithoutResult(status -> claim(job, row, result));
    }

    private CommandMessage<?> message(JobContext job, ParsedRow row) {
        return GenericCommandMessage.asCommandMessage(row.command())
                .andMetaData(Map.of(RecordingMetadata.RECORDED_BY, job.startedBy(), CommandAudit.CHANNEL, "IMPORT"));
    }

    private boolean registeredWithSameFacts(RegisterChild register) {
        DomainEventStream events = eventStore.readEvents(register.childId());
        if (!events.hasNext()) {
            return false;
        }
        DomainEventMessage<?> first = events.next();
        return first.getPayload() instanceof ChildRegistered registered
                && Objects.equals(registered.youthJusticeService(), register.youthJusticeService())
                && Objects.equals(registered.dateOfBirth(), register.dateOfBirth())
                && Objects.equals(registered.sex(), register.sex())
                && Objects.equals(registered.ethnicity(), register.ethnicity())
                && Objects.equals(registered.localAuthority(), register.localAuthority())
                // A row without an opening day took the first run's day: any day recorded then is the same fact.
                && (register.openedOn() == null || Objects.equals(registered.openedOn(), register.openedOn()));
    }

    private static void report(List<ParsedRow> rows, List<Result> results, Outcomes outcomes) {
        for (int i = 0; i < rows.size(); i++) {
            if (results.get(i) == Result.IMPORTED) {
                outcomes.imported(rows.get(i));
            } else {
                outcomes.skipped(rows.get(i));
            }
        }
    }
}
