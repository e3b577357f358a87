package org.openyjs.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openyjs.local.generator.Caseload;
import org.openyjs.local.generator.PanelCase;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Loads panel-service's part of a generated caseload through the gateway, as the panel chair records it:
 * each weekly meeting with its attendance, then each referred offence listed on its meeting and decided
 * there, and a conditional caution's completion or non-completion. Run it after the case's rows are in:
 * the referrals reach panel-service over Kafka, so a listing waits (404) until its referral has arrived.
 * Only the decisions the generator left to panel-service ({@link PanelCase#decided()}, no outcome row) are
 * loaded: a referral whose outcome came with the rows is closed in panel-service and refuses a decision.
 *
 * <p>Running it again records nothing twice: a meeting that exists (409) keeps its attendance, and a case
 * already decided (409) is skipped. Cases go in parallel (a few threads), each case's calls in order.
 */
public final class PanelLoader {

    /** What a load did. {@code seconds} from the first meeting to the last decision. */
    public record Result(int meetings, int decided, int skipped, int refused, String firstRefusal, double seconds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A refusal other than 404 (say, the assessment has not arrived yet) is retried this often, 250 ms apart. */
    private static final int OTHER_RETRIES = 20;

    private final GatewayClient gateway;
    private final Consumer<String> progress;
    private final Duration kafkaPatience;
    private final int threads;

    /**
     * @param kafkaPatience how long a listing waits for its referral to arrive in panel-service
     * @param threads       cases loaded at once
     */
    public PanelLoader(GatewayClient gateway, Consumer<String> progress, Duration kafkaPatience, int threads) {
        this.gateway = gateway;
        this.progress = progress;
        this.kafkaPatience = kafkaPatience;
        this.threads = threads;
    }

    public Result load(Caseload caseload, String chairToken) throws IOException, InterruptedException {
        return load(caseload.panelMeetings(), caseload.panelCases().filter(PanelCase::decided).toList(), chairToken);
    }

    /** The meetings, then the decided cases (the panel's part, kept when the rest of a caseload is let go). */
    public Result load(List<PanelCase.Meeting> panelMeetings, List<PanelCase> cases, String chairToken)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        int meetings = 0;
        for (PanelCase.Meeting meeting : panelMeetings) {
            GatewayClient.Response created = gateway.post(chairToken, "/api/panels",
                    Map.of("panelId", meeting.panelId(), "meetingDate", meeting.meetingDate().toString()));
            if (created.status() == 409) {
                continue; // scheduled by an earlier run, with its attendance
            }
            expect(created, "Scheduling panel " + meeting.panelId());
            expect(gateway.put(chairToken, "/api/panels/" + meeting.panelId() + "/attendance",
                    Map.of("attendees", meeting.attendees())), "Recording attendance at panel " + meeting.panelId());
            meetings++;
        }
        AtomicInteger decided = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (PanelCase panelCase : cases) {
                work.add(pool.submit(() -> {
                    String refusal = decide(panelCase, chairToken);
                    if (refusal == null) {
                        decided.incrementAndGet();
                    } else if (refusal.isEmpty()) {
                        skipped.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                        firstRefusal.compareAndSet(null, refusal);
                    }
                    int n = done.incrementAndGet();
                    if (n % 500 == 0 || n == cases.size()) {
                        progress.accept("Panel history: " + n + "/" + cases.size() + " cases");
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Loading the panel history failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(meetings, decided.get(), skipped.get(), refused.get(), firstRefusal.get(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Lists and decides one case: null when recorded, "" when an earlier run had decided it, else why refused. */
    private String decide(PanelCase panelCase, String token) throws IOException, InterruptedException {
        String panel = "/api/panels/" + panelCase.panelId();
        String what = panelCase.childId() + " " + panelCase.offenceId() + " at " + panelCase.panelId();
        GatewayClient.Response listed = retried(() -> gateway.post(token, panel + "/cases",
                Map.of("childId", panelCase.childId(), "offenceId", panelCase.offenceId())));
        if (!listed.isSuccess() && listed.status() != 409) { // 409: listed (or decided) by an earlier run
            return "listing " + what + ": HTTP " + listed.status() + " " + listed.body();
        }
        GatewayClient.Response decision = retried(() -> gateway.post(token, panel + "/decisions", panelCase.decision()));
        if (decision.status() == 409 && !listed.isSuccess()) {
            return ""; // decided by an earlier run
        }
        if (!decision.isSuccess()) {
            return "deciding " + what + ": HTTP " + decision.status() + " " + decision.body();
        }
        if (panelCase.conditionsCompleted() != null) {
            String referral = "/api/referrals/" + JSON.readTree(decision.body()).path("referralId").asText();
            String end = panelCase.conditionsEndDate().toString();
            GatewayClient.Response conditions = panelCase.conditionsCompleted()
                    ? gateway.post(token, referral + "/conditions/completion", Map.of("completedOn", end))
                    : gateway.post(token, referral + "/conditions/non-completion", Map.of("recordedOn", end,
                            "reason", "did not attend the agreed sessions"));
            if (!conditions.isSuccess()) {
                return "conditions of " + what + ": HTTP " + conditions.status() + " " + conditions.body();
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface Call {
        GatewayClient.Response send() throws IOException, InterruptedException;
    }

    /**
     * Retries while what the call depends on is still on its way over Kafka: 404 (no referral yet) until the
     * patience runs out, another 4xx but 409 (the assessment not there yet) a few times. Refusals record nothing.
     */
    private GatewayClient.Response retried(Call call) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + kafkaPatience.toNanos();
        int others = 0;
        GatewayClient.Response response = call.send();
        while (response.status() >= 400 && response.status() < 500 && response.status() != 409
                && System.nanoTime() < deadline && (response.status() == 404 || others++ < OTHER_RETRIES)) {
            Thread.sleep(250);
            response = call.send();
        }
        return response;
    }

    private static void expect(GatewayClient.Response response, String what) {
        if (!response.isSuccess()) {
            throw new IllegalStateException(what + " failed: HTTP " + response.status() + " " + response.body());
        }
    }
}
