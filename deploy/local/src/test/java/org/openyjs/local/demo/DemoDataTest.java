package org.openyjs.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openyjs.local.demo.FakeGateway.Answer;
import org.openyjs.local.demo.FakeGateway.Request;
import org.openyjs.local.generator.Caseload;
import org.openyjs.local.generator.CaseloadGenerator;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DemoData against a fake gateway that keeps what was registered, as the real services would. */
class DemoDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final List<String> progress = new ArrayList<>();

    @Test
    void loadsThePlanWithTheRightTokensAndBodies() throws Exception {
        DemoPlan plan = DemoPlan.generate();
        try (FakeGateway gateway = new FakeGateway(this::likeTheServices)) {
            new DemoData(gateway.url(), progress::add).load();

            assertThat(gateway.requests("POST", "/auth/token")).extracting(Request::body)
                    .containsExactly("username=practitioner&password=practitioner", "username=panel-chair&password=panel-chair");
            List<Request> cases = gateway.requests("POST", "/api/cases");
            assertThat(cases).hasSize(60).allMatch(r -> "Bearer token-practitioner".equals(r.authorization()));
            DemoPlan.Child first = plan.children().get(0);
            // The case opened with the child's first offence, so past periods' caseloads count it.
            LocalDate firstOffence = first.offences().stream().map(DemoPlan.Offence::offenceDate)
                    .min(LocalDate::compareTo).orElseThrow();
            assertThat(json(cases.get(0))).isEqualTo(JSON.readTree("""
                    {"childId": "demo-city-001", "youthJusticeService": "leicester-city", "localAuthority": "Leicester",
                     "dateOfBirth": "%s", "sex": "%s", "ethnicity": "%s", "openedOn": "%s"}""".formatted(
                    first.dateOfBirth(), first.sex(), first.ethnicity(), firstOffence)));

            assertThat(gateway.requests("POST", "/api/cases/[^/]+/offences/o1/panel-referral")).hasSize(3)
                    .allMatch(r -> "Bearer token-practitioner".equals(r.authorization()));
            assertThat(json(gateway.requests("POST", "/api/cases/demo-city-001/assessments").get(0)).get("tool").asText())
                    .isEqualTo("PREVENTION_AND_DIVERSION");

            List<Request> offences = gateway.requests("POST", "/api/cases/[^/]+/offences");
            assertThat(offences).hasSize((int) plan.children().stream().mapToLong(c -> c.offences().size()).sum());
            JsonNode awaitingPanel = json(offences.get(0));
            assertThat(offences.get(0).path()).isEqualTo("/api/cases/demo-city-001/offences");
            assertThat(awaitingPanel.has("outcome")).isFalse();
            assertThat(awaitingPanel.get("admitted").asBoolean()).isTrue();
            JsonNode withOutcome = json(gateway.requests("POST", "/api/cases/demo-city-003/offences").get(0));
            assertThat(withOutcome.get("outcome").fieldNames()).toIterable().containsExactlyInAnyOrder("code", "date");
            assertThat(withOutcome.fieldNames()).toIterable().containsExactlyInAnyOrder(
                    "offenceId", "offenceDate", "offenceCategory", "gravityScore", "admitted", "outcome");

            assertThat(gateway.requests("POST", "/api/panels.*"))
                    .hasSize(7).allMatch(r -> "Bearer token-panel-chair".equals(r.authorization()));
            List<Request> decisions = gateway.requests("POST", "/api/panels/demo-panel-2024-01-10/decisions");
            JsonNode conditionalCaution = json(decisions.get(0));
            assertThat(conditionalCaution.get("outcomeCode").asText()).isEqualTo("YOUTH_CONDITIONAL_CAUTION");
            assertThat(conditionalCaution.get("conditions")).hasSize(2);
            assertThat(conditionalCaution.get("conditionsEndDate").asText()).isEqualTo("2024-04-03");
            assertThat(json(decisions.get(1)).fieldNames())
                    .toIterable().containsExactlyInAnyOrder("childId", "offenceId", "outcomeCode", "rationale");
            assertThat(json(gateway.requests("POST", "/api/panels/demo-panel-2024-01-10/cases").get(0)).fieldNames())
                    .toIterable().containsExactlyInAnyOrder("childId", "offenceId");
        }
        assertThat(progress).contains("Demo data: 10/60 children", "Demo data: 60/60 children");
        assertThat(progress.get(progress.size() - 1))
                .startsWith("Demo data: 60 children registered (0 already there)")
                .endsWith("panel demo-panel-2024-01-10 decided 3 cases");
    }

    @Test
    void aSecondRunAddsNothing() throws Exception {
        try (FakeGateway gateway = new FakeGateway(this::likeTheServices)) {
            new DemoData(gateway.url(), line -> { }).load();
            gateway.requests().clear();

            new DemoData(gateway.url(), progress::add).load();

            assertThat(gateway.requests("POST", "/api/cases/.*")).isEmpty();
            assertThat(gateway.requests("POST", "/api/panels/.*")).isEmpty();
        }
        assertThat(progress.get(progress.size() - 1)).isEqualTo(
                "Demo data: 0 children registered (60 already there), 0 offences, 0 outcomes; panel demo-panel-2024-01-10 already there");
    }

    @Test
    void alsoLoadsAGeneratedHistoryOnceThroughTheRestApi() throws Exception {
        Caseload history = CaseloadGenerator.generate(new CaseloadGenerator.Settings(20, 3, DemoData.HISTORY_SEED,
                CaseloadGenerator.DEFAULT_LAST_DAY, "demo-gen", DemoData.HISTORY_PANEL_DECISIONS));
        try (FakeGateway gateway = new FakeGateway(this::likeTheServices)) {
            new DemoData(gateway.url(), progress::add).withGeneratedHistory(20).load();

            assertThat(gateway.requests("POST", "/api/cases")).hasSize(80);
            assertThat(gateway.requests("POST", "/api/cases/demo-gen-.*")).hasSize((int) history.rows().count() - 20)
                    .allMatch(r -> "Bearer token-practitioner".equals(r.authorization()));
            gateway.requests().clear();

            new DemoData(gateway.url(), progress::add).withGeneratedHistory(20).load();
            assertThat(gateway.requests("POST", "/api/cases/demo-gen-.*")).isEmpty();
        }
        assertThat(progress).anyMatch(l -> l.startsWith("Generated history: 20 children loaded (0 already there), "
                + history.rows().count() + " rows recorded, 0 refused"));
        assertThat(progress).anyMatch(l -> l.startsWith("Generated history: 0 children loaded (20 already there)"));
    }

    @Test
    void waitsOutTheRateLimiter() throws Exception {
        AtomicBoolean limited = new AtomicBoolean();
        try (FakeGateway gateway = new FakeGateway(request ->
                request.path().equals("/api/cases") && !limited.getAndSet(true) ? new Answer(429, "") : likeTheServices(request))) {
            new DemoData(gateway.url(), progress::add).load();

            assertThat(gateway.requests("POST", "/api/cases")).hasSize(61);
        }
        assertThat(registered).hasSize(61); // 60 children and the panel
    }

    @Test
    void aRefusalStopsTheLoadNamingWhatWasRefusedAndWhy() throws Exception {
        try (FakeGateway gateway = new FakeGateway(request -> request.path().endsWith("/offences")
                ? new Answer(422, "{\"detail\":\"child not aged 10-17 on the offence date\"}") : likeTheServices(request))) {
            assertThatThrownBy(() -> new DemoData(gateway.url(), progress::add).load())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Recording offence o1 of demo-city-001 failed: HTTP 422 "
                            + "{\"detail\":\"child not aged 10-17 on the offence date\"}");
        }
    }

    /** Tokens for any user; 201 for a new child or panel, 409 for one already there; 201 for the rest. */
    private Answer likeTheServices(Request request) {
        if (request.path().equals("/auth/token")) {
            String user = request.body().replaceAll("username=([^&]*).*", "$1");
            return new Answer(200, "{\"access_token\":\"token-" + user + "\",\"token_type\":\"Bearer\"}");
        }
        String id = switch (request.path()) {
            case "/api/cases" -> json(request).get("childId").asText();
            case "/api/panels" -> json(request).get("panelId").asText();
            default -> null;
        };
        if (id != null && !registered.add(id)) {
            return new Answer(409, "{\"detail\":\"" + id + " already exists\"}");
        }
        return new Answer(201, id == null ? "{}" : "{\"id\":\"" + id + "\"}");
    }

    private static JsonNode json(Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
