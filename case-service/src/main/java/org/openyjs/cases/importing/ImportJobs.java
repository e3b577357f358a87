package org.openyjs.cases.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import org.openyjs.cases.importing.ImportRows.ParsedRow;
import org.openyjs.cases.importing.ImportRows.RowRejected;
import org.openyjs.cases.importing.RowApplier.JobContext;
import org.openyjs.support.web.DomainRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs import jobs: reads the spooled file line by line and hands the lines to {@code workers} threads
 * partitioned by child id, so each child's rows stay in file order while different children are
 * recorded in parallel. The reader only finds each line's child id (a streaming scan); the workers turn
 * the lines into commands (or rejections), so parsing and validating run in parallel too. Progress is logged and
 * written to {@code case_import_job} every 5 s and at the end; rejections are written as they happen.
 */
@Service
class ImportJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** A job the database says is running but no instance has touched for this long was cut short. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Object END = new Object();
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    /** A line of the file as read, before it is parsed. */
    private record Line(int number, String text) {
    }

    /** What GET /cases/imports/{jobId} answers. */
    record JobView(UUID jobId, String source, String state, String startedBy, int totalLines, int processed,
                   int imported, int skipped, int rejected, Instant startedAt, Instant finishedAt, String failure,
                   List<RejectedRow> rejections) {
    }

    record RejectedRow(int line, String rowId, String field, String reason) {
    }

    /** A job running in this instance: its live counts. */
    private static final class Job {
        final JobContext context;
        final int totalLines;
        final Instant startedAt = Instant.now();
        final AtomicInteger imported = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();
        volatile String state = "RUNNING";
        volatile Instant finishedAt;
        volatile String failure;
        int processedAtLastReport;
        Instant lastReport = startedAt;

        Job(JobContext context, int totalLines) {
            this.context = context;
            this.totalLines = totalLines;
        }

        int processed() {
            return imported.get() + skipped.get() + rejected.get();
        }
    }

    private final ImportRows rows;
    private final RowApplier applier;
    private final JdbcClient jdbc;
    private final int workers;
    private final int batchSize;
    private final Map<UUID, Job> running = new ConcurrentHashMap<>();
    private final ExecutorService coordinators = Executors.newCachedThreadPool(daemon("case-import"));
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(daemon("case-import-progress"));

    ImportJobs(ObjectMapper json, Validator validator, RowApplier applier, JdbcClient jdbc,
               @Value("${yjs.import.workers:4}") int workers,
               @Value("${yjs.import.batch-size:100}") int batchSize) {
        this.rows = new ImportRows(json, validator);
        this.applier = applier;
        this.jdbc = jdbc;
        this.workers = Math.max(1, workers);
        this.batchSize = Math.max(1, batchSize);
    }

    /**
     * Starts importing a spooled file, which this job then owns (and deletes when done). One job per
     * source at a time: a second one would only wait on the first one's rows.
     */
    synchronized JobView start(String source, String startedBy, Path file, int totalLines) {
        Optional<Job> same = running.values().stream().filter(j -> j.context.source().equals(source)).findFirst();
        if (same.isPresent()) {
            deleteQuietly(file);
            throw DomainRefusal.conflict("source", "an import of source " + source + " is already running (job "
                    + same.get().context.jobId() + ")");
        }
        Job job = new Job(new JobContext(UUID.randomUUID(), source, startedBy), totalLines);
        jdbc.sql("""
                        INSERT INTO case_import_job (job_id, source, state, started_by, total_lines, started_at, updated_at)
                        VALUES (:id, :source, 'RUNNING', :user, :total, :at, :at)""")
                .param("id", job.context.jobId()).param("source", source).param("user", startedBy)
                .param("total", totalLines).param("at", Timestamp.from(job.startedAt))
                .update();
        running.put(job.context.jobId(), job);
        log.info("Import {} of source {} started by {}: {} lines", job.context.jobId(), source, startedBy, totalLines);
        coordinators.submit(() -> run(job, file));
        return live(job);
    }

    Optional<JobView> find(UUID jobId) {
        Job job = running.get(jobId);
        if (job != null) {
            return Optional.of(live(job));
        }
        return jdbc.sql("""
                        SELECT source, state, started_by, total_lines, processed, imported, skipped, rejected,
                               started_at, finished_at, failure, updated_at
                        FROM case_import_job WHERE job_id = :id""")
                .param("id", jobId)
                .query((rs, n) -> {
                    String state = rs.getString("state");
                    Instant updated = rs.getTimestamp("updated_at").toInstant();
                    if ("RUNNING".equals(state) && updated.isBefore(Instant.now().minus(STALE_AFTER))) {
                        state = "INTERRUPTED"; // the instance running it stopped; re-run the file to finish it
                    }
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return new JobView(jobId, rs.getString("source"), state, rs.getString("started_by"),
                            rs.getInt("total_lines"), rs.getInt("processed"), rs.getInt("imported"),
                            rs.getInt("skipped"), rs.getInt("rejected"), rs.getTimestamp("started_at").toInstant(),
                            finished == null ? null : finished.toInstant(), rs.getString("failure"), rejections(jobId));
                })
                .optional();
    }

    private JobView live(Job job) {
        return new JobView(job.context.jobId(), job.context.source(), job.state, job.context.startedBy(),
                job.totalLines, job.processed(), job.imported.get(), job.skipped.get(), job.rejected.get(),
                job.startedAt, job.finishedAt, job.failure, rejections(job.context.jobId()));
    }

    private List<RejectedRow> rejections(UUID jobId) {
        return jdbc.sql("""
                        SELECT line_number, row_id, field, reason FROM case_import_rejection
                        WHERE job_id = :id ORDER BY line_number""")
                .param("id", jobId)
                .query((rs, n) -> new RejectedRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private void run(Job job, Path file) {
        ScheduledFuture<?> reporting = progress.scheduleAtFixedRate(() -> report(job),
                PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemon("case-import-worker"));
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        RowApplier.Outcomes outcomes = outcomes(job);
        try {
            for (int i = 0; i < workers; i++) {
                BlockingQueue<Object> queue = new ArrayBlockingQueue<>(batchSize * 4);
                queues.add(queue);
                running.add(pool.submit(() -> work(job, queue, outcomes)));
            }
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int lineNumber = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    queues.get(Math.floorMod(childIdOf(line).hashCode(), workers)).put(new Line(lineNumber, line));
                }
            }
            for (BlockingQueue<Object> queue : queues) {
                queue.put(END);
            }
            for (Future<?> worker : running) {
                worker.get();
            }
            job.state = "COMPLETED";
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("Import {} of source {} failed", job.context.jobId(), job.context.source(), e);
            job.failure = e.toString();
            job.state = "FAILED";
        } finally {
            pool.shutdownNow();
            reporting.cancel(false);
            job.finishedAt = Instant.now();
            flush(job);
            this.running.remove(job.context.jobId());
            deleteQuietly(file);
            long millis = Math.max(1, Duration.between(job.startedAt, job.finishedAt).toMillis());
            log.info("Import {} of source {} {} in {} s: {} lines, {} imported, {} skipped, {} rejected ({} rows/s)",
                    job.context.jobId(), job.context.source(), job.state, millis / 1000.0, job.totalLines,
                    job.imported.get(), job.skipped.get(), job.rejected.get(), job.processed() * 1000L / millis);
        }
    }

    /** One worker: takes its children's rows in order and applies them a batch at a time. */
    private void work(Job job, BlockingQueue<Object> queue, RowApplier.Outcomes outcomes) {
        List<Object> taken = new ArrayList<>(batchSize);
        List<ParsedRow> batch = new ArrayList<>(batchSize);
        boolean end = false;
        while (!end) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(taken, batchSize - 1);
            for (Object item : taken) {
                if (item == END) {
                    end = true;
                } else {
                    Line line = (Line) item;
                    try {
                        batch.add(rows.parse(line.number(), line.text(), job.context.source()));
                    } catch (RowRejected e) {
                        reject(job, line.number(), e.rowId(), e.field(), e.getMessage());
                    }
                }
            }
            if (!batch.isEmpty()) {
                try {
                    applier.apply(job.context, batch, outcomes);
                } catch (RuntimeException e) {
                    // not a refusal of one row (the applier deals with those): say so for each row, carry on
                    log.warn("Import {}: a batch of {} rows could not be recorded", job.context.jobId(), batch.size(), e);
                    for (ParsedRow row : batch) {
                        outcomes.rejected(row, null, "could not be recorded: " + e);
                    }
                }
            }
            taken.clear();
            batch.clear();
        }
    }

    private RowApplier.Outcomes outcomes(Job job) {
        return new RowApplier.Outcomes() {
            @Override
            public void imported(ParsedRow row) {
                job.imported.incrementAndGet();
            }

            @Override
            public void skipped(ParsedRow row) {
                job.skipped.incrementAndGet();
            }

            @Override
            public void rejected(ParsedRow row, String field, String reason) {
                reject(job, row.lineNumber(), row.rowId(), field, reason);
            }
        };
    }

    /**
     * The line's {@code data.childId} as the parser will read it (the last one, as Jackson keeps), found by
     * streaming over the line rather than building its tree; empty when there is none (the worker that
     * gets the line then rejects it with the reason).
     */
    static String childIdOf(String line) {
        String found = "";
        try (JsonParser parser = JSON_FACTORY.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return found;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(name) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken fieldValue = parser.nextToken();
                        if ("childId".equals(field) && fieldValue != null && fieldValue.isScalarValue()) {
                            found = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: the worker's parse says so
        }
        return found;
    }

    private void reject(Job job, int lineNumber, String rowId, String field, String reason) {
        jdbc.sql("""
                        INSERT INTO case_import_rejection (job_id, line_number, row_id, field, reason)
                        VALUES (:id, :line, :rowId, :field, :reason)
                        ON CONFLICT (job_id, line_number) DO NOTHING""")
                .param("id", job.context.jobId()).param("line", lineNumber).param("rowId", rowId)
                .param("field", field).param("reason", reason)
                .update();
        job.rejected.incrementAndGet();
    }

    private void report(Job job) {
        try {
            Instant now = Instant.now();
            int processed = job.processed();
            double seconds = Math.max(0.001, Duration.between(job.lastReport, now).toMillis() / 1000.0);
            log.info("Import {} of source {}: {}/{} lines processed, {} imported, {} skipped, {} rejected ({} rows/s)",
                    job.context.jobId(), job.context.source(), processed, job.totalLines, job.imported.get(),
                    job.skipped.get(), job.rejected.get(), Math.round((processed - job.processedAtLastReport) / seconds));
            job.processedAtLastReport = processed;
            job.lastReport = now;
            flush(job);
        } catch (RuntimeException e) {
            log.warn("Import {}: progress could not be saved", job.context.jobId(), e);
        }
    }

    private void flush(Job job) {
        jdbc.sql("""
                        UPDATE case_import_job SET state = :state, processed = :processed, imported = :imported,
                               skipped = :skipped, rejected = :rejected, failure = :failure, updated_at = now(),
                               finished_at = :finished
                        WHERE job_id = :id""")
                .param("state", job.state).param("processed", job.processed()).param("imported", job.imported.get())
                .param("skipped", job.skipped.get()).param("rejected", job.rejected.get())
                .param("failure", job.failure)
                .param("finished", job.finishedAt == null ? null : Timestamp.from(job.finishedAt))
                .param("id", job.context.jobId())
                .update();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the import file {}", file, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void destroy() {
        coordinators.shutdownNow();
        progress.shutdownNow();
    }
}
