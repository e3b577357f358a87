package org.openyjs.support.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forgets remembered answers once no client would still retry the request ({@code yjs.idempotency.retention},
 * 7 days by default), so the table does not grow for ever. A retry after that is treated as a new request,
 * which the aggregates' own rules (an offence id recorded once, a decision taken once) still refuse.
 */
public class IdempotencyKeyExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyExpiry.class);

    private final JdbcClient jdbc;
    private final Duration retention;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public IdempotencyKeyExpiry(JdbcClient jdbc, Duration retention, Duration interval, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.interval = interval;
        this.clock = clock;
    }

    /** Deletes answers older than the retention; returns how many. */
    public int purge() {
        Instant cutoff = clock.instant().minus(retention);
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "idempotency-key-expiry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int removed = purge();
                if (removed > 0) {
                    log.info("Forgot {} idempotency keys older than {}", removed, retention);
                }
            } catch (RuntimeException e) {
                // The database may be briefly away; the next run catches up.
                log.warn("Could not expire idempotency keys: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
