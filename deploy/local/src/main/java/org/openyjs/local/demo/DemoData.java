package org.openyjs.local.demo;

import org.openyjs.local.demo.DemoPlan.Child;
import org.openyjs.local.demo.DemoPlan.Decision;
import org.openyjs.local.demo.DemoPlan.Offence;
import org.openyjs.local.demo.DemoPlan.Panel;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads the {@link DemoPlan} through the gateway, as a practitioner and a panel chair would. Running it
 * again adds nothing: a child or panel that is already registered (409) is skipped.
 */
public final class DemoData {

    private static final int CONFLICT = 409;

    private final GatewayClient gateway;
    private final Consumer<String> progress;

    public DemoData(URI gatewayUrl, Consumer<String> progress) {
        this.gateway = new GatewayClient(gatewayUrl);
        this.progress = progress;
    }

    public void load() throws IOException, InterruptedException {
        DemoPlan plan = DemoPlan.generate();
        String practitioner = gateway.token("practitioner", "practitioner");
        String chair = gateway.token("chair", "chair");

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
        boolean panelHeld = hold(chair, plan.panel());

        progress.accept("Demo data: " + registered + " children registered (" + (total - registered) + " already there), "
                + offences + " offences, " + outcomes + " outcomes; panel " + plan.panel().panelId()
                + (panelHeld ? " decided " + plan.panel().decisions().size() + " cases" : " already there"));
    }

    /** False if the child is already registered, which means an earlier run loaded it. */
    private boolean register(String token, Child child) throws IOException, InterruptedException {
        GatewayClient.Response response = gateway.post(token, "/api/cases", Map.of(
                "childId", child.childId(),
                "youthJusticeService", child.youthJusticeService(),
                "dateOfBirth", child.dateOfBirth().toString(),
                "sex", child.sex(),
                "ethnicity", child.ethnicity(),
                "localAuthority", child.localAuthority()));
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

    /** False if the panel already exists, which means an earlier run held it. */
    private boolean hold(String token, Panel panel) throws IOException, InterruptedException {
        GatewayClient.Response created = gateway.post(token, "/api/panels",
                Map.of("panelId", panel.panelId(), "meetingDate", panel.meetingDate().toString()));
        if (created.status() == CONFLICT) {
            return false;
        }
        expectSuccess(created, "Creating panel " + panel.panelId());
        String path = "/api/panels/" + panel.panelId();
        for (Decision decision : panel.decisions()) {
            expectSuccess(gateway.post(token, path + "/cases", Map.of(
                    "childId", decision.childId(),
                    "offenceId", decision.offenceId(),
                    "youthJusticeService", decision.youthJusticeService())),
                    "Listing " + decision.childId() + " for panel " + panel.panelId());
        }
        for (Decision decision : panel.decisions()) {
            expectSuccess(gateway.post(token, path + "/decisions", Map.of(
                    "childId", decision.childId(),
                    "offenceId", decision.offenceId(),
                    "outcomeCode", decision.outcomeCode(),
                    "rationale", decision.rationale())),
                    "Recording the panel decision for " + decision.childId());
        }
        return true;
    }

    private static void expectSuccess(GatewayClient.Response response, String what) {
        if (!response.isSuccess()) {
            throw new IllegalStateException(what + " failed: HTTP " + response.status() + " " + response.body());
        }
    }
}
