package org.openyjs.local.faults;

import org.openyjs.local.demo.GatewayClient;
import org.openyjs.local.generator.GeneratedChild;
import org.openyjs.local.generator.Row;
import org.openyjs.local.generator.RowRequests;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady load of practitioners' commands through the gateway: generated children's histories, row by
 * row at a fixed rate, each row with its row id as Idempotency-Key so that a retry after a failure records
 * nothing twice. A row is retried while the answer is not definitive (no answer, 5xx, or 409 "in progress"
 * from the idempotency filter) until the row's patience runs out.
 *
 * <p>The ledger it keeps is what the oracle checks: rows acknowledged (2xx), refused (4xx, recorded
 * nothing), and ambiguous (never a definitive answer: recorded or not, the store decides; the child's
 * later rows are not sent, since they depend on it).
 */
final class SteadyLoad implements AutoCloseable {

    enum Fate { ACKNOWLEDGED, REFUSED, AMBIGUOUS }

    record Sent(Row row, Fate fate, int status, String body, int attempts) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /**
     * How long a row's key may stay "in progress" before the row counts as ambiguous. A service killed while
     * handling the first attempt leaves its claim on the key behind, and every retry with that key is told the
     * first is still in progress, for good (IdempotencyFilter has no expiry for such claims).
     */
    private static final Duration STUCK_IN_PROGRESS = Duration.ofSeconds(10);

    private final GatewayClient gateway;
    private final Tokens tokens;
    private final Iterator<GeneratedChild> children;
    private final long nanosPerRow;
    private final List<Thread> workers = new ArrayList<>();
    private final Map<String, List<Sent>> ledger = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> childOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile boolean stopping;
    private long nextDue;

    SteadyLoad(GatewayClient gateway, Tokens tokens, Iterator<GeneratedChild> children, int rowsPerSecond) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.children = children;
        this.nanosPerRow = 1_000_000_000L / rowsPerSecond;
    }

    /** Starts the workers; each takes the next child and sends its rows in order. */
    SteadyLoad start(int workerCount) {
        stopping = false;
        nextDue = System.nanoTime();
        workers.clear();
        for (int i = 0; i < workerCount; i++) {
            Thread t = new Thread(this::work, "steady-load-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        return this;
    }

    /** Stops taking rows and waits for the rows in flight to be settled (acknowledged, refused or ambiguous). */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : workers) {
            t.join(PATIENCE.toMillis() + 30_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int retries() {
        return retries.get();
    }

    /** Every child the load has touched, in the order it was taken, with what became of each row sent. */
    Map<String, List<Sent>> ledger() {
        return ledger;
    }

    List<Sent> all(Fate fate) {
        return ledger.values().stream().flatMap(List::stream).filter(s -> s.fate() == fate).toList();
    }

    private void work() {
        while (!stopping) {
            GeneratedChild child;
            synchronized (children) {
                if (!children.hasNext()) {
                    return;
                }
                child = children.next();
            }
            List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
            ledger.put(child.childId(), sent);
            childOrder.add(child.childId());
            for (Row row : child.rows()) {
                if (stopping) {
                    break;
                }
                pace();
                Sent result = send(row);
                sent.add(result);
                if (result.fate() == Fate.ACKNOWLEDGED) {
                    acknowledged.incrementAndGet();
                } else {
                    break; // the child's later rows depend on this one
                }
            }
        }
    }

    private void pace() {
        long due;
        synchronized (this) {
            nextDue = Math.max(nextDue + nanosPerRow, System.nanoTime() - 1_000_000_000L);
            due = nextDue;
        }
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private Sent send(Row row) {
        RowRequests.Request request = RowRequests.of(row);
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        boolean ambiguous = false;
        long inProgressSince = 0;
        int attempts = 0;
        int status = -1;
        String body = "";
        while (true) {
            attempts++;
            try {
                String token = tokens.of("practitioner");
                GatewayClient.Response response = gateway.post(token, request.path(), request.body(),
                        Map.of("Idempotency-Key", row.rowId()));
                status = response.status();
                body = response.body();
                if (status == 401) {
                    tokens.renew("practitioner", token); // a restarted gateway signs with a new key: nothing was recorded
                } else {
                    boolean inProgress = status == 409 && body.contains("Idempotency-Key");
                    if (status / 100 == 2) {
                        return new Sent(row, Fate.ACKNOWLEDGED, status, body, attempts);
                    }
                    if (status / 100 == 4 && !inProgress) {
                        // A refusal after an unanswered attempt may be the rules seeing the first attempt's effect.
                        return new Sent(row, ambiguous ? Fate.AMBIGUOUS : Fate.REFUSED, status, body, attempts);
                    }
                    ambiguous = true; // 5xx, or the first attempt's key still claimed: it may or may not have been recorded
                    if (inProgress) {
                        inProgressSince = inProgressSince == 0 ? System.nanoTime() : inProgressSince;
                        if (System.nanoTime() - inProgressSince > STUCK_IN_PROGRESS.toNanos()) {
                            return new Sent(row, Fate.AMBIGUOUS, status, body, attempts);
                        }
                    }
                }
            } catch (IllegalStateException e) {
                body = e.toString(); // no token: the gateway is down, so nothing was sent
            } catch (IOException e) {
                ambiguous = true; // no answer: the request may or may not have reached the service
                body = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Sent(row, Fate.AMBIGUOUS, status, "interrupted", attempts);
            }
            if (System.nanoTime() > giveUp) {
                return new Sent(row, Fate.AMBIGUOUS, status, body, attempts);
            }
            retries.incrementAndGet();
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }
}
