package org.openyjs.local.demo;

import org.openyjs.local.demo.DemoPlan.Child;
import org.openyjs.local.demo.DemoPlan.Decision;
import org.openyjs.local.demo.DemoPlan.Offence;
import org.openyjs.local.demo.DemoPlan.Panel;
import org.openyjs.local.generator.Caseload;
import org.openyjs.local.generator.CaseloadGenerator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads the {@link DemoPlan} through the gateway, as a practitioner and a panel chair would. Running it
 * again adds nothing: a child or panel that is already registered (409) is skipped.
 */
public final class DemoData {

    private static final int CONFLICT = 409;
    /** How long a listing or decision waits for the referral and assessment to arrive in panel-service. */
    private static final Duration KAFKA_PATIENCE = Duration.ofSeconds(30);

    /** The seed of the demo's generated history: the same children on every machine. */
    static final long HISTORY_SEED = 2024L;
    /** All of the generated history's decided referrals are decided through panel-service's API. */
    static final int HISTORY_PANEL_DECISIONS = Integer.MAX_VALUE;

    private final GatewayClient gateway;
    private final Consumer<String> progress;
    private int historyChildren;

    public DemoData(URI gatewayUrl, Consumer<String> progress) {
        this.gateway = new GatewayClient(gatewayUrl);
        this.progress = progress;
    }

    /** Also loads a generated history of this many children (CaseloadGenerator, fixed seed) through the REST API. */
    public DemoData withGeneratedHistory(int children) {
        this.historyChildren = children;
        return this;
    }

    public void load() throws IOException, InterruptedException {
        DemoPlan plan = DemoPlan.generate();
        String practitioner = gateway.token("practitioner", "practitioner");
        String chair = gateway.token("panel-chair", "panel-chair");

        int registered = 0;
        int offences = 0;
        int outcomes = 0;
        int total = plan.children().size();
        for (int i = 0; i < total; i++) {
            Child child = plan.children().get(i);
            if (register(practitioner, child)) {
                registered++;
                for (Offence offence : child.offences()) {
                    record(practitioner, child, offence);
                    offences++;
                    outcomes += offence.outcome() == null ? 0 : 1;
                }
            }
            if ((i + 1) % 10 == 0 || i + 1 == total) {
                progress.accept("Demo data: " + (i + 1) + "/" + total + " children");
            }
        }
        boolean panelHeld = hold(practitioner, chair, plan.panel());

        progress.accept("Demo data: " + registered + " children registered (" + (total - registered) + " already there), "
                + offences + " offences, " + outcomes + " outcomes; panel " + plan.panel().panelId()
                + (panelHeld ? " decided " + plan.panel().decisions().size() + " cases" : " already there"));
        if (historyChildren > 0) {
            // Every decided referral is left to the panel part (PanelLoader, below): its decision reaches the case
            // over Kafka, as in life, rather than an outcome row that case-service would then hold already.
            Caseload history = CaseloadGenerator.generate(new CaseloadGenerator.Settings(historyChildren, 3, HISTORY_SEED,
                    CaseloadGenerator.DEFAULT_LAST_DAY, "demo-gen", HISTORY_PANEL_DECISIONS));
            CaseloadLoader.Result result = new CaseloadLoader(gateway, progress).load(history, practitioner);
            progress.accept("Generated history: " + result.children() + " children loaded (" + result.skippedChildren()
                    + " already there), " + result.rows() + " rows recorded, " + result.refused() + " refused"
                    + (result.firstRefusal() == null ? "" : "; first: " + result.firstRefusal()));
            // The panel's part: its weekly meetings and the referred offences decided there.
            PanelLoader.Result panels = new PanelLoader(gateway, progress, KAFKA_PATIENCE, 2).load(history, chair);
            progress.accept("Generated panel history: " + panels.meetings() + " meetings held, " + panels.decided()
                    + " cases decided (" + panels.skipped() + " already), " + panels.refused() + " refused"
                    + (panels.firstRefusal() == null ? "" : "; first: " + panels.firstRefusal()));
        }
    }

    /** False if the child is already registered, which means an earlier run loaded it. */
    private boolean register(String token, Child child) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>(Map.of(
                "childId", child.childId(),
                "youthJusticeService", child.youthJusticeService(),
                "dateOfBirth", child.dateOfBirth().toString(),
                "sex", child.sex(),
                "ethnicity", child.ethnicity(),
                "localAuthority", child.localAuthority()));
        // The case opened with the child's first offence, so past periods' caseloads count it.
        child.offences().stream().map(Offence::offenceDate).min(LocalDate::compareTo)
                .ifPresent(first -> body.put("openedOn", first.toString()));
        GatewayClient.Response response = gateway.post(token, "/api/cases", body);
        if (response.status() == CONFLICT) {
            return false;
        }
        expectSuccess(response, "Registering " + child.childId());
        return true;
    }

    private void record(String token, Child child, Offence offence) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offenceId", offence.offenceId());
        body.put("offenceDate", offence.offenceDate().toString());
        body.put("offenceCategory", offence.offenceCategory());
        body.put("gravityScore", offence.gravityScore());
        body.put("admitted", offence.admitted());
        if (offence.outcome() != null) {
            body.put("outcome", Map.of("code", offence.outcome().code(), "date", offence.outcome().date().toString()));
        }
        expectSuccess(gateway.post(token, "/api/cases/" + child.childId() + "/offences", body),
                "Recording offence " + offence.offenceId() + " of " + child.childId());
    }

    /**
     * False if the panel already exists, which means an earlier run held it. The way a real case goes:
     * the practitioner refers the offence and records a quality-assured assessment; the referral reaches
     * panel-service over Kafka; the chair lists the case and records the decision, which reaches the
     * child's case over Kafka in turn.
     */
    /** Police, the chair and the restorative justice coordinator: a quorum under panel-service's default rules. */
    static final Map<String, Object> QUORATE_ATTENDANCE = Map.of("attendees", java.util.List.of(
            Map.of("agency", "POLICE", "role", "SERGEANT"),
            Map.of("agency", "YOUTH_JUSTICE_SERVICE", "role", "CHAIR"),
            Map.of("agency", "YOUTH_JUSTICE_SERVICE", "role", "RJ_COORDINATOR")));

    private boolean hold(String practitioner, String chair, Panel panel) throws IOException, InterruptedException {
        GatewayClient.Response created = gateway.post(chair, "/api/panels",
                Map.of("panelId", panel.panelId(), "meetingDate", panel.meetingDate().toString()));
        if (created.status() == CONFLICT) {
            return false;
        }
        expectSuccess(created, "Creating panel " + panel.panelId());
        // A panel decides only once its attendance shows it quorate (panel-service's quorum rule).
        expectSuccess(gateway.put(chair, "/api/panels/" + panel.panelId() + "/attendance", QUORATE_ATTENDANCE),
                "Recording attendance at panel " + panel.panelId());
        for (Decision decision : panel.decisions()) {
            String offence = "/api/cases/" + decision.childId() + "/offences/" + decision.offenceId();
            expectSuccess(gateway.post(practitioner, offence + "/panel-referral",
                            Map.of("referralDate", decision.offenceDate().plusDays(2).toString())),
                    "Referring " + decision.childId() + " to the panel");
            expectSuccess(gateway.post(practitioner, "/api/cases/" + decision.childId() + "/assessments", Map.of(
                            "offenceId", decision.offenceId(),
                            "tool", "PREVENTION_AND_DIVERSION",
                            "completedOn", panel.meetingDate().minusDays(5).toString(),
                            "qualityAssuredOn", panel.meetingDate().minusDays(4).toString())),
                    "Recording the assessment of " + decision.childId());
        }
        String path = "/api/panels/" + panel.panelId();
        for (Decision decision : panel.decisions()) {
            expectSuccess(untilAccepted(() -> gateway.post(chair, path + "/cases", Map.of(
                            "childId", decision.childId(),
                            "offenceId", decision.offenceId()))),
                    "Listing " + decision.childId() + " for panel " + panel.panelId());
            Map<String, Object> body = new LinkedHashMap<>(Map.of(
                    "childId", decision.childId(),
                    "offenceId", decision.offenceId(),
                    "outcomeCode", decision.outcomeCode(),
                    "rationale", decision.rationale()));
            if (!decision.conditions().isEmpty()) {
                // A youth conditional caution's conditions run for twelve weeks from the panel.
                body.put("conditions", decision.conditions());
                body.put("conditionsEndDate", panel.meetingDate().plusWeeks(12).toString());
            }
            expectSuccess(untilAccepted(() -> gateway.post(chair, path + "/decisions", body)),
                    "Recording the panel decision for " + decision.childId());
        }
        return true;
    }

    /** A call to retry while what it depends on is still on its way over Kafka: refusals record nothing. */
    @FunctionalInterface
    interface Call {
        GatewayClient.Response send() throws IOException, InterruptedException;
    }

    private static GatewayClient.Response untilAccepted(Call call) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + KAFKA_PATIENCE.toNanos();
        GatewayClient.Response response = call.send();
        while (!response.isSuccess() && response.status() < 500 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = call.send();
        }
        return response;
    }

    private static void expectSuccess(GatewayClient.Response response, String what) {
        if (!response.isSuccess()) {
            throw new IllegalStateException(what + " failed: HTTP " + response.status() + " " + response.body());
        }
    }
}
