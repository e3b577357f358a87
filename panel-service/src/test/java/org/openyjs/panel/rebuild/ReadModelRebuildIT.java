package org.openyjs.panel.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.openyjs.events.Topics;
import org.openyjs.panel.agenda.PanelReadModelProjection;
import org.openyjs.panel.api.ReferralCommands.ReceiveReferral;
import org.openyjs.panel.referral.ReferralId;
import org.openyjs.testsupport.KafkaTopics;
import org.openyjs.testsupport.Await;
import org.openyjs.testsupport.TestInfrastructure;
import org.openyjs.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding the chair's read models on real PostgreSQL and Kafka, with the processor as application.yml
 * configures it (pooled); {@link TrackingReadModelRebuildIT} runs the same on Axon's defaults. A rebuild ends
 * with exactly the read model it started with, and only the read-model processor replays: no deadline is
 * set or fired again, no saga changes, nothing is published twice.
 */
// No referrals from the shared broker (other tests' records): the event store holds this test's events only.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"panel.deadlines.polling-interval=PT1S", "spring.kafka.listener.auto-startup=false"})
class ReadModelRebuildIT {

    private static final String REBUILD = "/panels/admin/read-model/rebuild";
    private static final String YEAR = "from=2024-01-01&to=2024-12-31";
    private static final List<String> READ_MODEL_TABLES = List.of("meeting_view", "referral_view", "assessment_view",
            "victim_view", "agenda_entry", "decision_view", "amendment_view", "scrutiny_sample", "quorum_override");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_rebuild");
        TestTokens.defaultCaller(registry, "chair", "PANEL_CHAIR");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TransactionTemplate transactions;

    /** The processor kind the configuration under test gives the read model. */
    protected String expectedProcessor() {
        return "PooledStreamingEventProcessor";
    }

    @Test
    void a_rebuild_ends_with_the_read_model_it_started_with_and_fires_no_deadline_or_saga_again() throws Exception {
        String childA = "child-" + UUID.randomUUID();
        Panel panel = recordAPanelHistory(childA);
        awaitSettled();

        Map<String, String> answers = answers(panel);
        Map<String, String> tables = tables();
        Map<String, String> sideEffects = sideEffects();
        int published = KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(), Topics.PANEL_EVENTS, childA,
                1, Duration.ofSeconds(2), Duration.ofSeconds(30)).size();
        assertThat(published).as("the decision published for " + childA).isPositive();
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);

        assertThat(as("chair", "PANEL_CHAIR", HttpMethod.POST).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("chair", "PANEL_CHAIR", HttpMethod.GET).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("analyst", "ANALYST", HttpMethod.POST).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // Holding a lock on the first table the reset empties keeps the rebuild RUNNING for as long as needed.
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE meeting_view IN ACCESS SHARE MODE");
            }
            ResponseEntity<JsonNode> started = admin(HttpMethod.POST);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(started.getBody().get("state").asText()).isEqualTo("RUNNING");
            ResponseEntity<JsonNode> again = admin(HttpMethod.POST);
            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(again.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            assertThat(admin(HttpMethod.GET).getBody().get("state").asText()).isEqualTo("RUNNING");
            // Read-model answers go on while it runs, saying they may be partial.
            ResponseEntity<JsonNode> during = http.getForEntity("/referrals/" + panel.referralA(), JsonNode.class);
            assertThat(during.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(during.getHeaders().getFirst(RebuildingHeader.NAME)).isEqualTo("true");
            blocker.rollback();
        }

        JsonNode done = awaitRebuild(status -> !"RUNNING".equals(status.path("state").asText()));
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("eventsToReplay").asLong()).isEqualTo(events);
        assertThat(done.get("eventsReplayed").asLong()).isEqualTo(events);
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(Instant.parse(done.get("finishedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(done.get("startedAt").asText()));
        assertThat(done.get("processor").asText()).isEqualTo(expectedProcessor());
        // Complete the moment it says so: the processor reports progress only once a batch has committed.
        assertThat(tables()).isEqualTo(tables);
        awaitSettled();

        assertThat(answers(panel)).isEqualTo(answers);
        assertThat(tables()).isEqualTo(tables);
        assertThat(sideEffects()).isEqualTo(sideEffects);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(events);
        assertThat(KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(), Topics.PANEL_EVENTS, childA,
                published, Duration.ofSeconds(2), Duration.ofSeconds(30))).hasSize(published);
        assertThat(http.getForEntity("/referrals/" + panel.referralA(), JsonNode.class).getHeaders()
                .containsKey(RebuildingHeader.NAME)).isFalse();
        // A finished rebuild may be started again.
        assertThat(admin(HttpMethod.POST).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(awaitRebuild(status -> !"RUNNING".equals(status.path("state").asText())).get("state").asText())
                .isEqualTo("COMPLETED");
        assertThat(tables()).isEqualTo(tables);
    }

    @Test
    void a_reset_that_never_commits_leaves_the_read_model_and_its_token_as_they_were() {
        String child = "child-" + UUID.randomUUID();
        receive(child, LocalDate.of(2024, 5, 1));
        awaitSettled();
        StreamingEventProcessor processor = readModelProcessor();
        processor.shutDown();
        try {
            Map<String, String> tables = tables();
            String token = readModelToken();
            assertThat(tables.get("referral_view")).contains(ReferralId.of(child, "o1"));

            // A crash part-way through the reset transaction: the emptied tables and the replay token go together.
            transactions.executeWithoutResult(tx -> {
                processor.resetTokens();
                assertThat(jdbc.queryForObject("SELECT count(*) FROM referral_view", Integer.class)).isZero();
                tx.setRollbackOnly();
            });

            assertThat(tables()).isEqualTo(tables);
            assertThat(readModelToken()).isEqualTo(token);
        } finally {
            processor.start();
        }
        awaitSettled();
        assertThat(processor.isReplaying()).isFalse();
    }

    // --- the history

    record Panel(String quorate, String notQuorate, String referralA) {
    }

    /**
     * A decided conditional caution whose deadlines have fired (decision overdue, conditions ended), a caution
     * on a chair's quorum override, a withdrawn referral, and one referred today whose deadline is weeks away.
     */
    private Panel recordAPanelHistory(String childA) {
        String childB = "child-" + UUID.randomUUID();
        String childD = "child-" + UUID.randomUUID();
        receive(childA, LocalDate.of(2024, 1, 2));
        receive(childB, LocalDate.of(2024, 1, 20));
        receive(childD, LocalDate.of(2024, 1, 5));
        receive("child-" + UUID.randomUUID(), LocalDate.now(ZoneId.of("Europe/London")));
        String a = ReferralId.of(childA, "o1");
        String b = ReferralId.of(childB, "o1");
        String d = ReferralId.of(childD, "o1");

        String p1 = "panel-" + UUID.randomUUID();
        String p2 = "panel-" + UUID.randomUUID();
        created(post("/panels", "{\"panelId\":\"%s\",\"meetingDate\":\"2024-01-10\"}".formatted(p1)));
        created(post("/panels", "{\"panelId\":\"%s\",\"meetingDate\":\"2024-02-07\"}".formatted(p2)));
        created(post("/panels/" + p1 + "/cases", "{\"referralId\":\"%s\"}".formatted(a)));
        created(post("/panels/" + p1 + "/cases", "{\"referralId\":\"%s\"}".formatted(d)));
        created(post("/panels/" + p2 + "/cases", "{\"referralId\":\"%s\"}".formatted(b)));
        attend(p1, """
                {"attendees":[{"agency":"POLICE","role":"SERGEANT"},{"agency":"YOUTH_JUSTICE_SERVICE","role":"CHAIR"},
                 {"agency":"YOUTH_JUSTICE_SERVICE","role":"RJ_COORDINATOR"}]}""");
        attend(p2, """
                {"attendees":[{"agency":"YOUTH_JUSTICE_SERVICE","role":"CHAIR"},
                 {"agency":"YOUTH_JUSTICE_SERVICE","role":"RJ_COORDINATOR"}]}""");
        created(post("/panels/" + p1 + "/decisions", """
                {"referralId":"%s","outcomeCode":"YOUTH_CONDITIONAL_CAUTION","rationale":"admitted",
                 "assessmentOverrideReason":"QA manager absent",
                 "conditions":["Attend 4 sessions"],"conditionsEndDate":"2024-03-01"}""".formatted(a)));
        created(post("/panels/" + p2 + "/decisions", """
                {"referralId":"%s","outcomeCode":"YOUTH_CAUTION","rationale":"first offence",
                 "assessmentOverrideReason":"QA manager absent",
                 "quorumOverrideReason":"police view given in writing"}""".formatted(b)));
        assertThat(post("/referrals/" + d + "/withdrawal", "{\"reason\":\"no longer suitable\"}").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // The conditions ended long ago: the saga's deadline fires at once.
        await("/referrals/" + a, r -> "COMPLETION_NOT_RECORDED".equals(r.path("conditionsStatus").asText()));
        return new Panel(p1, p2, a);
    }

    private void receive(String child, LocalDate on) {
        commands.sendAndWait(new ReceiveReferral(ReferralId.of(child, "o1"), child, "o1", "leicester-city", on, 2,
                true));
    }

    // --- what is compared

    /** The read-model endpoints' answers, as the chair gets them. */
    private Map<String, String> answers(Panel panel) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : List.of("/panels/" + panel.quorate() + "/agenda", "/panels/" + panel.notQuorate() + "/agenda",
                "/panels?" + YEAR, "/referrals", "/referrals/" + panel.referralA(), "/decisions?" + YEAR,
                "/timeliness?" + YEAR, "/overrides?" + YEAR, "/scrutiny/samples")) {
            ResponseEntity<String> answer = http.getForEntity(path, String.class);
            assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            answers.put(path, answer.getBody());
        }
        return answers;
    }

    private Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : READ_MODEL_TABLES) {
            tables.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2").toString());
        }
        return tables;
    }

    /** What only the sagas, their deadlines and the event store would change. */
    private Map<String, String> sideEffects() {
        Map<String, String> effects = new LinkedHashMap<>();
        effects.put("scheduled_tasks", jdbc.queryForList("SELECT task_name, task_instance, execution_time, "
                + "md5(task_data) AS data FROM scheduled_tasks ORDER BY 1, 2").toString());
        effects.put("sagaentry", jdbc.queryForList("SELECT sagaid, sagatype, md5(serializedsaga) AS saga "
                + "FROM sagaentry ORDER BY 1").toString());
        effects.put("associationvalueentry", jdbc.queryForList("SELECT associationkey, associationvalue, sagatype, "
                + "sagaid FROM associationvalueentry ORDER BY 1, 2, 3, 4").toString());
        effects.put("events", jdbc.queryForList("SELECT aggregateidentifier, sequencenumber, payloadtype "
                + "FROM domainevententry ORDER BY globalindex").toString());
        return effects;
    }

    private String readModelToken() {
        return jdbc.queryForList("SELECT segment, tokentype, md5(token) AS token, owner FROM tokenentry "
                + "WHERE processorname = ? ORDER BY segment", PanelReadModelProjection.PROCESSING_GROUP).toString();
    }

    // --- helpers

    private StreamingEventProcessor readModelProcessor() {
        return processing.eventProcessor(PanelReadModelProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    /**
     * Every processor (read model, sagas, publisher) has handled every stored event, and no deadline is due:
     * nothing is left in flight.
     */
    private void awaitSettled() {
        Await.until(() -> {
            Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
            Integer due = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE execution_time <= now()",
                    Integer.class);
            return due == 0 && processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .allMatch(p -> p.isRunning() && !p.processingStatus().isEmpty()
                            && p.processingStatus().values().stream().allMatch(s -> caughtUp(s, head)));
        }, "every processor has handled every event and no deadline is due");
    }

    private static boolean caughtUp(EventTrackerStatus status, Long head) {
        return head == null || status.getCurrentPosition().orElse(-1) >= head;
    }

    private JsonNode awaitRebuild(Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Await.until(() -> {
            last[0] = admin(HttpMethod.GET).getBody();
            return condition.test(last[0]);
        }, "the rebuild finishes");
        return last[0];
    }

    private ResponseEntity<JsonNode> admin(HttpMethod method) {
        return as("admin", "ADMIN", method);
    }

    private ResponseEntity<JsonNode> as(String user, String role, HttpMethod method) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Authenticated-User", user);
        headers.set("X-Authenticated-Roles", role);
        return http.exchange(REBUILD, method, new HttpEntity<>(null, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class);
    }

    private void attend(String panel, String attendees) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/panels/" + panel + "/attendance", HttpMethod.PUT, new HttpEntity<>(attendees, headers),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private static void created(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
    }

    private JsonNode await(String path, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Await.until(() -> {
            ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
            last[0] = response.getBody();
            return response.getStatusCode().is2xxSuccessful() && condition.test(last[0]);
        }, path + " shows what was recorded");
        return last[0];
    }
}
