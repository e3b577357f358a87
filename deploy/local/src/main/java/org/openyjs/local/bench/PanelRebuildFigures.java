package org.openyjs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openyjs.local.demo.GatewayClient;
import org.openyjs.local.stack.Service;
import org.openyjs.local.stack.Stack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The panel read-model rebuild figures (issue 7): how fast panel-service rebuilds the chair's read models
 * (agenda, decisions, timeliness, overrides, scrutiny) from its event store, and beside it, in the same run
 * and from the same events, the same rebuild with the read-model processor on Axon's default settings.
 * All calls go through {@link GatewayClient} with the admin's token.
 *
 * <p>Use: {@code lines(rebuild(patience), baseline(stack, patience), conditions)}, or {@link #measure}.
 */
public final class PanelRebuildFigures {

    static final String REBUILD_PATH = "/api/panels/admin/read-model/rebuild";

    /**
     * panel-service's read-model processor on Axon's defaults, by configuration only: a tracking processor,
     * batch size 1, one thread and one segment, default token claim settings (claim interval 5 s), in place
     * of application.yml's pooled processor at batch size 100. Property names as Axon 4.12's Spring Boot
     * autoconfiguration reads them ({@code axon.eventhandling.processors.<name>.*}); system properties win
     * over application.yml.
     */
    public static final List<String> AXON_DEFAULTS = List.of(
            "-Daxon.eventhandling.processors.panel-read-model.mode=tracking",
            "-Daxon.eventhandling.processors.panel-read-model.batch-size=1",
            "-Daxon.eventhandling.processors.panel-read-model.thread-count=1",
            "-Daxon.eventhandling.processors.panel-read-model.initial-segment-count=1");

    /** What panel-service's application.yml gives the read-model processor (panel-read-model), for the figure's line. */
    static final String CONFIGURED = "(pooled, batch-size=500, 2 segments on 2 threads)";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a rebuild did, as panel-service reports it: events replayed, startedAt to finishedAt, processor kind,
     * and when it finished (for the wall time of rebuilds run at the same time).
     */
    public record Rebuild(long events, double seconds, String processor, Instant finishedAt) {

        public double rate() {
            return events / seconds;
        }
    }

    private final GatewayClient gateway;
    private final String admin;

    public PanelRebuildFigures(GatewayClient gateway) throws IOException, InterruptedException {
        this.gateway = gateway;
        this.admin = gateway.token("admin", "admin");
    }

    /** Starts a rebuild of panel-service's read models and waits until it has COMPLETED. */
    public Rebuild rebuild(Duration patience) throws IOException, InterruptedException {
        GatewayClient.Response started = gateway.post(admin, REBUILD_PATH, Map.of());
        if (started.status() != 202) {
            throw new IllegalStateException("Panel rebuild not started: HTTP " + started.status() + " " + started.body());
        }
        Instant giveUp = Instant.now().plus(patience);
        while (Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
            GatewayClient.Response polled = gateway.get(admin, REBUILD_PATH);
            if (!polled.isSuccess()) {
                continue; // e.g. a gateway timeout while panel-service is busy: ask again
            }
            JsonNode status = JSON.readTree(polled.body());
            String state = status.path("state").asText();
            if (state.equals("FAILED")) {
                throw new IllegalStateException("Panel rebuild failed: " + status);
            }
            if (state.equals("COMPLETED")) {
                Instant finishedAt = Instant.parse(status.get("finishedAt").asText());
                double seconds = Duration.between(Instant.parse(status.get("startedAt").asText()), finishedAt)
                        .toNanos() / 1e9;
                return new Rebuild(status.get("eventsReplayed").asLong(), seconds, status.path("processor").asText(),
                        finishedAt);
            }
        }
        throw new IllegalStateException("Panel rebuild not finished within " + patience.toSeconds() + " s");
    }

    /**
     * The baseline: restarts panel-service with {@link #AXON_DEFAULTS}, rebuilds, and restarts it as normal
     * again (also when the rebuild fails), so what follows in the run sees the usual configuration.
     */
    public Rebuild baseline(Stack stack, Duration patience) throws IOException, InterruptedException {
        stack.restart(Service.PANEL, AXON_DEFAULTS);
        try {
            Rebuild baseline = rebuild(patience);
            if (!baseline.processor().equals("TrackingEventProcessor")) {
                throw new IllegalStateException("The baseline ran on " + baseline.processor()
                        + ", not Axon's default TrackingEventProcessor: the -D properties did not apply");
            }
            return baseline;
        } finally {
            stack.restart(Service.PANEL, List.of());
        }
    }

    /** Both figures, ours first, then the baseline; {@code conditions} is added to each line (e.g. "jit=C1-only"). */
    public List<String> measure(Stack stack, Duration patience, String conditions)
            throws IOException, InterruptedException {
        Rebuild ours = rebuild(patience);
        Rebuild baseline = baseline(stack, patience);
        return lines(ours, "alone", baseline, conditions);
    }

    /**
     * The lines to print, in the benchmark's format; {@code alongside} says what ran at the same time as
     * {@code ours} (the baseline runs alone).
     */
    public static List<String> lines(Rebuild ours, String alongside, Rebuild baseline, String conditions) {
        String what = " events of panel-service's event store replayed into every chair's read model (agenda, "
                + "decisions, timeliness, overrides, scrutiny) in ";
        String how = "s (POST " + REBUILD_PATH + ", startedAt to finishedAt as panel-service reports them); ";
        return List.of(
                Benchmark.line("rebuild.panel-read-model.rate", ours.rate(), "events/s", ours.events() + what
                        + fmt(ours.seconds()) + how + ours.processor() + " as application.yml configures it "
                        + CONFIGURED + ", " + alongside + "; baseline: "
                        + "baseline.rebuild.panel-read-model.axon-defaults.rate; " + conditions),
                Benchmark.line("baseline.rebuild.panel-read-model.axon-defaults.rate", baseline.rate(), "events/s",
                        baseline.events() + what + fmt(baseline.seconds()) + how + baseline.processor()
                                + " on Axon's defaults (batch-size=1, 1 thread, 1 segment, default token claims), "
                                + "set by -D system properties on a panel-service restart; same run, same events, "
                                + "alone; "
                                + conditions));
    }

    private static String fmt(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.1f", seconds);
    }
}
