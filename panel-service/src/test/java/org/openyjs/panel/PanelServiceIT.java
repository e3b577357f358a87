package org.openyjs.panel;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.VictimContactRecorded;
import org.openyjs.panel.referral.ReferralId;
import org.openyjs.testsupport.KafkaTopics;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * panel-service on real PostgreSQL and Kafka: a referral arrives from case-service (twice), the chair
 * lists and decides it, and the decision leaves on yjs.panel-events without its rationale.
 */
// A referral received past its due date is overdue after the late-referral grace: a second here.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"panel.deadlines.polling-interval=PT1S", "panel.timeliness.late-referral-grace=PT1S"})
class PanelServiceIT {

    private static final String COUNTY = "leicestershire";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_it");
        TestTokens.defaultCaller(registry, "chair", "PANEL_CHAIR");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @Test
    void a_referral_from_case_service_is_listed_decided_and_published_without_the_rationale() {
        String child = "child-" + UUID.randomUUID();
        String referral = ReferralId.of(child, "o1");
        IntegrationEvent referred = fromCaseService(COUNTY,
                new ReferredToOutOfCourtPanel(child, "o1", LocalDate.of(2023, 12, 15), 2, true));
        // Delivered twice, as at-least-once publishing may: one referral all the same.
        send(child, referred, referred,
                fromCaseService(COUNTY, new AssessmentRecorded(child, "a1", "o1", "PREVENTION_AND_DIVERSION",
                        LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 5))),
                fromCaseService(COUNTY, new VictimContactRecorded(child, "o1", "v1", LocalDate.of(2024, 1, 4),
                        "VIEWS_GIVEN", true, true, null, null, null)));

        // Referred 15 December 2023, due 15 working days later: long past, so the deadline fires at once.
        JsonNode arrived = await("/referrals/" + referral, r -> r.path("victims").size() == 1
                && "QUALITY_ASSURED".equals(r.path("assessmentStatus").asText()) && r.path("overdue").asBoolean());
        assertThat(arrived.get("youthJusticeService").asText()).isEqualTo(COUNTY);
        assertThat(arrived.get("decisionDueDate").asText()).isEqualTo("2024-01-10");
        assertThat(arrived.get("status").asText()).isEqualTo("AWAITING");
        assertThat(http.getForObject("/referrals?status=AWAITING", JsonNode.class).findValuesAsText("childId")
                .stream().filter(child::equals)).hasSize(1);

        String panel = "panel-" + UUID.randomUUID();
        assertThat(post("/panels", """
                {"panelId":"%s","meetingDate":"2024-01-10"}""".formatted(panel)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/panels/" + panel + "/cases", """
                {"childId":"%s","offenceId":"o1"}""".formatted(child)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> attendance = exchange(HttpMethod.PUT, "/panels/" + panel + "/attendance", """
                {"attendees":[{"agency":"POLICE","role":"SERGEANT"},{"agency":"YOUTH_JUSTICE_SERVICE","role":"CHAIR"},
                 {"agency":"YOUTH_JUSTICE_SERVICE","role":"RJ_COORDINATOR"}]}""");
        assertThat(attendance.getBody().get("quorate").asBoolean()).isTrue();

        JsonNode agenda = await("/panels/" + panel + "/agenda", a -> a.path("cases").size() == 1);
        JsonNode item = agenda.get("cases").get(0).get("referral");
        assertThat(item.get("overdue").asBoolean()).isTrue();
        assertThat(item.get("assessmentStatus").asText()).isEqualTo("QUALITY_ASSURED");
        assertThat(item.get("victims").get(0).get("result").asText()).isEqualTo("VIEWS_GIVEN");
        assertThat(item.get("victims").get(0).get("restorativeJusticeOffered").asBoolean()).isTrue();

        ResponseEntity<JsonNode> decided = post("/panels/" + panel + "/decisions", """
                {"childId":"%s","offenceId":"o1","outcomeCode":"YOUTH_CAUTION","rationale":"Jane Doe's first offence"}"""
                .formatted(child));
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String decisionId = decided.getBody().get("decisionId").asText();

        ConsumerRecord<String, byte[]> record = onlyRecordFor(child);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("Jane Doe").doesNotContain("rationale");
        IntegrationEvent event = codec.read(record.value());
        assertThat(event.eventType()).isEqualTo("PanelDecisionRecorded");
        assertThat(event.youthJusticeService()).isEqualTo(COUNTY);
        assertThat(event.recordedBy()).isEqualTo("chair");
        assertThat(event.payload().get("decisionId").asText()).isEqualTo(decisionId);
        assertThat(event.payload().get("decisionDate").asText()).isEqualTo("2024-01-10");

        // Delivered a third time after the decision, followed by a second referral for the same child (same
        // partition, so once that one is here the redelivery has been handled): still one referral, one decision.
        send(child, referred, fromCaseService(COUNTY,
                new ReferredToOutOfCourtPanel(child, "o2", LocalDate.of(2024, 1, 11), 1, true)));
        await("/referrals/" + ReferralId.of(child, "o2"), r -> r.has("referralId"));
        assertThat(events(referral, "ReferralReceived")).isEqualTo(1);
        assertThat(events(referral, "DecisionRecorded")).isEqualTo(1);
        assertThat(await("/referrals/" + referral, r -> "DECIDED".equals(r.path("status").asText()))
                .get("decisionId").asText()).isEqualTo(decisionId);
        onlyRecordFor(child);

        JsonNode decisions = await("/decisions?from=2024-01-10&to=2024-01-10&youthJusticeService=" + COUNTY,
                d -> d.path("total").asInt() >= 1);
        assertThat(decisions.get("byOutcome").get("YOUTH_CAUTION").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(await("/referrals/" + referral, r -> "DECIDED".equals(r.path("status").asText()))
                .get("outcomeCode").asText()).isEqualTo("YOUTH_CAUTION");
    }

    @Test
    void an_override_goes_to_scrutiny_and_its_finding_is_recorded() {
        String child = "child-" + UUID.randomUUID();
        send(child, fromCaseService("leicester-city",
                new ReferredToOutOfCourtPanel(child, "o1", LocalDate.of(2024, 2, 1), 3, false)));
        String referral = ReferralId.of(child, "o1");
        await("/referrals/" + referral, r -> r.has("referralId"));
        String panel = "panel-" + UUID.randomUUID();
        post("/panels", """
                {"panelId":"%s","meetingDate":"2024-02-07"}""".formatted(panel));
        post("/panels/" + panel + "/cases", """
                {"referralId":"%s"}""".formatted(referral));
        attend(panel, true);

        ResponseEntity<JsonNode> noAdmission = post("/panels/" + panel + "/decisions", """
                {"referralId":"%s","outcomeCode":"YOUTH_CAUTION","rationale":"r","assessmentOverrideReason":"x"}"""
                .formatted(referral));
        assertThat(noAdmission.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(noAdmission)).containsExactly("outcomeCode");
        ResponseEntity<JsonNode> noOverride = post("/panels/" + panel + "/decisions", """
                {"referralId":"%s","outcomeCode":"OUTCOME_22","rationale":"r"}""".formatted(referral));
        assertThat(fields(noOverride)).containsExactly("assessmentOverrideReason");

        String decisionId = post("/panels/" + panel + "/decisions", """
                {"referralId":"%s","outcomeCode":"OUTCOME_22","rationale":"no admission; education activity",
                 "assessmentOverrideReason":"assessment complete, QA manager absent"}""".formatted(referral))
                .getBody().get("decisionId").asText();
        JsonNode samples = await("/scrutiny/samples?finding=PENDING",
                s -> s.findValuesAsText("decisionId").contains(decisionId));
        assertThat(samples.toString()).contains("CHAIR_OVERRIDE");
        assertThat(http.getForObject("/overrides?from=2024-02-07&to=2024-02-07", JsonNode.class)
                .findValuesAsText("decisionId")).contains(decisionId);

        assertThat(post("/scrutiny/samples/" + decisionId + "/finding", """
                {"finding":"LEARNING_POINT","learningPoint":"QA cover when the manager is away"}""").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        await("/scrutiny/samples?finding=LEARNING_POINT", s -> s.findValuesAsText("decisionId").contains(decisionId));
    }

    @Test
    void a_meeting_that_was_not_quorate_decides_only_on_the_chair_s_override_which_is_reported_and_scrutinised() {
        String child = "child-" + UUID.randomUUID();
        send(child, fromCaseService("leicester-city",
                        new ReferredToOutOfCourtPanel(child, "o1", LocalDate.of(2024, 3, 1), 2, true)),
                fromCaseService("leicester-city", new AssessmentRecorded(child, "a1", "o1", "PREVENTION_AND_DIVERSION",
                        LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5))));
        String referral = ReferralId.of(child, "o1");
        await("/referrals/" + referral, r -> "QUALITY_ASSURED".equals(r.path("assessmentStatus").asText()));
        String panel = "panel-" + UUID.randomUUID();
        post("/panels", """
                {"panelId":"%s","meetingDate":"2024-03-06"}""".formatted(panel));
        post("/panels/" + panel + "/cases", """
                {"referralId":"%s"}""".formatted(referral));
        String decision = """
                {"referralId":"%s","outcomeCode":"YOUTH_CAUTION","rationale":"admitted; first offence"%s}""";

        ResponseEntity<JsonNode> noAttendance = post("/panels/" + panel + "/decisions", decision.formatted(referral, ""));
        assertThat(noAttendance.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(fields(noAttendance)).containsExactly("panelId");

        attend(panel, false);
        ResponseEntity<JsonNode> notQuorate = post("/panels/" + panel + "/decisions", decision.formatted(referral, ""));
        assertThat(notQuorate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(notQuorate)).containsExactly("quorumOverrideReason");
        assertThat(notQuorate.getBody().get("detail").asText()).contains("someone from POLICE");
        assertThat(events(referral, "DecisionRecorded")).isZero();

        ResponseEntity<JsonNode> overridden = post("/panels/" + panel + "/decisions", decision.formatted(referral,
                ",\"quorumOverrideReason\":\"police view given in writing\""));
        assertThat(overridden.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String decisionId = overridden.getBody().get("decisionId").asText();
        JsonNode overrides = await("/overrides?from=2024-03-06&to=2024-03-06",
                o -> o.findValuesAsText("decisionId").contains(decisionId));
        JsonNode row = overrides.get(0);
        assertThat(overrides.size()).isEqualTo(1);
        assertThat(row.get("kind").asText()).isEqualTo("PANEL_NOT_QUORATE");
        assertThat(row.get("reason").asText()).isEqualTo("police view given in writing");
        assertThat(row.get("detail").asText()).isEqualTo("at least 3 attendees (2 present); someone from POLICE");
        JsonNode samples = await("/scrutiny/samples", s -> s.findValuesAsText("decisionId").contains(decisionId));
        assertThat(samples.toString()).contains("CHAIR_OVERRIDE");
    }

    @Test
    void a_conditional_caution_whose_end_date_passed_unrecorded_shows_completion_not_recorded_until_recorded() {
        String child = "child-" + UUID.randomUUID();
        send(child, fromCaseService(COUNTY, new ReferredToOutOfCourtPanel(child, "o1", LocalDate.of(2024, 4, 1), 3, true)),
                fromCaseService(COUNTY, new AssessmentRecorded(child, "a1", "o1", "ASSET_PLUS",
                        LocalDate.of(2024, 4, 3), LocalDate.of(2024, 4, 4))));
        String referral = ReferralId.of(child, "o1");
        await("/referrals/" + referral, r -> "QUALITY_ASSURED".equals(r.path("assessmentStatus").asText()));
        String panel = "panel-" + UUID.randomUUID();
        post("/panels", """
                {"panelId":"%s","meetingDate":"2024-04-10"}""".formatted(panel));
        post("/panels/" + panel + "/cases", """
                {"referralId":"%s"}""".formatted(referral));
        attend(panel, true);
        assertThat(post("/panels/" + panel + "/decisions", """
                {"referralId":"%s","outcomeCode":"YOUTH_CONDITIONAL_CAUTION","rationale":"r",
                 "conditions":["Attend 4 sessions"],"conditionsEndDate":"2024-07-03"}""".formatted(referral))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);

        // The end date is long past: the saga's deadline (kept by the persistent deadline manager) fires at once.
        JsonNode agenda = await("/panels/" + panel + "/agenda", a -> "COMPLETION_NOT_RECORDED".equals(
                a.path("cases").path(0).path("referral").path("conditionsStatus").asText()));
        assertThat(agenda.get("cases").get(0).get("referral").get("conditionsEndDate").asText()).isEqualTo("2024-07-03");
        assertThat(http.getForObject("/referrals?conditionsStatus=COMPLETION_NOT_RECORDED", JsonNode.class)
                .findValuesAsText("referralId")).contains(referral);
        assertThat(events(referral, "ConditionsEndDatePassed")).isEqualTo(1);

        assertThat(post("/referrals/" + referral + "/conditions/completion", """
                {"completedOn":"2024-07-01"}""").getStatusCode()).isEqualTo(HttpStatus.OK);
        await("/referrals/" + referral, r -> "COMPLETED".equals(r.path("conditionsStatus").asText()));
        assertThat(http.getForObject("/referrals?conditionsStatus=COMPLETION_NOT_RECORDED", JsonNode.class)
                .findValuesAsText("referralId")).doesNotContain(referral);
    }

    @Test
    void bad_input_is_refused_with_a_problem_naming_the_field() {
        ResponseEntity<JsonNode> noDate = post("/panels", "{}");
        assertThat(noDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(noDate)).containsExactly("meetingDate");

        String panel = "panel-" + UUID.randomUUID();
        post("/panels", """
                {"panelId":"%s","meetingDate":"2024-01-10"}""".formatted(panel));
        assertThat(post("/panels", """
                {"panelId":"%s","meetingDate":"2024-01-10"}""".formatted(panel)).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> notReferred = post("/panels/" + panel + "/cases", """
                {"childId":"someone","offenceId":"o1"}""");
        assertThat(notReferred.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(fields(notReferred)).containsExactly("offenceId");
        ResponseEntity<JsonNode> noRationale = post("/panels/" + panel + "/decisions", """
                {"childId":"someone","offenceId":"o1","outcomeCode":"OUTCOME_22"}""");
        assertThat(fields(noRationale)).containsExactly("rationale");
        ResponseEntity<JsonNode> badPeriod = http.getForEntity("/timeliness?from=2024-02-01&to=2024-01-01", JsonNode.class);
        assertThat(badPeriod.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(badPeriod)).containsExactly("from");
        assertThat(http.getForEntity("/panels/no-such-panel", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/referrals/no-such-referral", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("/referrals/no-such-referral/withdrawal", """
                {"reason":"r"}""").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void the_meetings_between_two_dates_are_listed() {
        String early = "panel-" + UUID.randomUUID();
        String late = "panel-" + UUID.randomUUID();
        post("/panels", """
                {"panelId":"%s","meetingDate":"2021-03-03"}""".formatted(early));
        post("/panels", """
                {"panelId":"%s","meetingDate":"2021-03-10"}""".formatted(late));
        JsonNode march = await("/panels?from=2021-03-01&to=2021-03-31", meetings -> meetings.size() == 2);
        assertThat(march.findValuesAsText("panelId")).containsExactly(early, late);
        assertThat(http.getForObject("/panels?from=2021-03-05&to=2021-03-31", JsonNode.class)
                .findValuesAsText("panelId")).containsExactly(late);
        assertThat(http.getForEntity("/panels?from=2021-04-01&to=2021-03-01", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void every_endpoint_is_in_the_openapi_document() {
        JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/panels", "/panels/{panelId}/attendance",
                "/panels/{panelId}/agenda", "/panels/{panelId}/cases", "/panels/{panelId}/decisions", "/referrals",
                "/referrals/{referralId}/carry-over", "/referrals/{referralId}/withdrawal",
                "/referrals/{referralId}/amendments", "/referrals/{referralId}/conditions/non-completion",
                "/referrals/{referralId}/conditions/completion",
                "/decisions", "/timeliness", "/overrides", "/scrutiny/samples",
                "/scrutiny/samples/{decisionId}/finding");
    }

    // --- helpers

    /** Records the meeting's attendance: police and two from the youth justice service, or without the police. */
    private void attend(String panel, boolean quorate) {
        String attendees = quorate
                ? """
                {"attendees":[{"agency":"POLICE","role":"SERGEANT"},{"agency":"YOUTH_JUSTICE_SERVICE","role":"CHAIR"},
                 {"agency":"YOUTH_JUSTICE_SERVICE","role":"RJ_COORDINATOR"}]}"""
                : """
                {"attendees":[{"agency":"YOUTH_JUSTICE_SERVICE","role":"CHAIR"},
                 {"agency":"YOUTH_JUSTICE_SERVICE","role":"RJ_COORDINATOR"}]}""";
        ResponseEntity<JsonNode> recorded = exchange(HttpMethod.PUT, "/panels/" + panel + "/attendance", attendees);
        assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(recorded.getBody().get("quorate").asBoolean()).isEqualTo(quorate);
    }

    /** How many events of a type a referral has in the event store. */
    private int events(String aggregateId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Integer.class, aggregateId, "%$" + type);
    }

    private IntegrationEvent fromCaseService(String service, IntegrationPayload payload) {
        return codec.wrap(UUID.randomUUID().toString(), service, Instant.now(), "practitioner", payload);
    }

    private void send(String child, IntegrationEvent... events) {
        byte[][] values = new byte[events.length][];
        for (int i = 0; i < events.length; i++) {
            values[i] = codec.write(events[i]);
        }
        KafkaTopics.send(TestInfrastructure.kafkaBootstrapServers(), Topics.CASE_EVENTS, child, values);
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        return exchange(HttpMethod.POST, path, body);
    }

    private ResponseEntity<JsonNode> exchange(HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestTokens.token("chair", "PANEL_CHAIR"));
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static List<String> fields(ResponseEntity<JsonNode> response) {
        return response.getBody().path("errors").findValuesAsText("field");
    }

    /** Polls a read model until it shows what is expected (it trails the commands by a moment). */
    private JsonNode await(String path, Predicate<JsonNode> until) {
        Instant giveUp = Instant.now().plusSeconds(30);
        JsonNode last = null;
        while (Instant.now().isBefore(giveUp)) {
            ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
            last = response.getBody();
            if (response.getStatusCode().is2xxSuccessful() && last != null && until.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("GET " + path + " never showed what was expected; last: " + last);
    }

    private ConsumerRecord<String, byte[]> onlyRecordFor(String child) {
        List<ConsumerRecord<String, byte[]>> found = KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(),
                Topics.PANEL_EVENTS, child, 1, Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(found).as("one decision record for %s on %s", child, Topics.PANEL_EVENTS).hasSize(1);
        return found.get(0);
    }
}
