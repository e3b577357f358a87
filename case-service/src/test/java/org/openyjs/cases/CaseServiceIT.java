package org.openyjs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.openyjs.cases.api.CaseEvents;
import org.openyjs.cases.api.CaseEvents.OffenceRecorded;
import org.openyjs.events.EventTypes;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.PersonalDataFields;
import org.openyjs.events.Topics;
import org.openyjs.events.panel.PanelDecisionAmended;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.events.panel.YouthConditionalCautionNotCompleted;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** case-service on real PostgreSQL and a real Kafka broker: REST in, events out, panel decisions in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseServiceIT {

    /** Fields that would identify a child or a family: none may appear on an integration topic. */
    static final Set<String> PERSONAL_DATA_FIELDS = PersonalDataFields.NAMES;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "case_it");
        TestTokens.defaultCaller(registry, "pat.practitioner", "PRACTITIONER");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;

    private final ObjectMapper json = new ObjectMapper();
    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    private ResponseEntity<JsonNode> post(String path, String body) {
        return post(path, body, Map.of());
    }

    private ResponseEntity<JsonNode> post(String path, String body, Map<String, String> extraHeaders) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestTokens.token("pat.practitioner", "PRACTITIONER"));
        extraHeaders.forEach(headers::set);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    private String registerChild(String childId, String dateOfBirth) {
        ResponseEntity<JsonNode> response = post("/cases", """
                {"childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"%s","sex":"FEMALE",
                 "ethnicity":"ASIAN_INDIAN","localAuthority":"Leicester"}""".formatted(childId, dateOfBirth));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return childId;
    }

    @Test
    void recorded_facts_reach_kafka_as_integration_events_without_personal_data() {
        String child = registerChild("it-" + UUID.randomUUID(), "2008-03-14");
        ResponseEntity<JsonNode> offence = post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2023-05-02","offenceCategory":"THEFT_AND_HANDLING","gravityScore":2,
                 "admitted":true,"outcome":{"code":"YOUTH_CAUTION","date":"2023-06-01"}}""");
        assertThat(offence.getStatusCode()).as("%s", offence.getBody()).isEqualTo(HttpStatus.CREATED);

        List<ConsumerRecord<String, byte[]>> records = readUntil(Topics.CASE_EVENTS, child, 3);
        List<IntegrationEvent> events = records.stream().map(r -> codec.read(r.value())).toList();
        assertThat(events).extracting(IntegrationEvent::eventType)
                .containsExactly("ChildRegistered", "OffenceRecorded", "OutcomeRecorded");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.youthJusticeService()).isEqualTo("leicester-city");
            assertThat(e.recordedBy()).isEqualTo("pat.practitioner");
            assertThat(e.schemaVersion()).as("written in the contract's current version")
                    .isEqualTo(EventTypes.current(e.eventType()).orElseThrow().version());
        });
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(child));
        assertThat(events.get(2).payload().get("outcomeCode").asText()).isEqualTo("YOUTH_CAUTION");
        assertThat(events.get(2).payload().get("outcomeDate").asText()).isEqualTo("2023-06-01");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(fieldNames(readTree(record.value()))).doesNotContainAnyElementsOf(PERSONAL_DATA_FIELDS);
        }
    }

    @Test
    void a_case_changed_elsewhere_since_it_was_cached_is_read_again_not_refused() {
        String child = registerChild("it-" + UUID.randomUUID(), "2008-03-14");
        assertThat(post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2023-05-02","offenceCategory":"CRIMINAL_DAMAGE","admitted":false}""")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        // Another replica records an offence: straight into the event store, past this one's cached case (version 1).
        eventStore.publish(new GenericDomainEventMessage<>("ChildCase", child, 2,
                new OffenceRecorded(child, "o-elsewhere", LocalDate.parse("2023-06-01"), "CRIMINAL_DAMAGE", 1, true),
                MetaData.with("youthJusticeService", "leicester-city").and("recordedBy", "other.replica")));

        ResponseEntity<JsonNode> next = post("/cases/" + child + "/offences", """
                {"offenceId":"o2","offenceDate":"2023-07-02","offenceCategory":"CRIMINAL_DAMAGE","admitted":false}""");
        assertThat(next.getStatusCode()).as("%s", next.getBody()).isEqualTo(HttpStatus.CREATED);
        // The other replica's offence is part of the case's state: recording it again is refused.
        assertThat(post("/cases/" + child + "/offences", """
                {"offenceId":"o-elsewhere","offenceDate":"2023-06-01","offenceCategory":"CRIMINAL_DAMAGE","admitted":true}""")
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
        assertThat(view.get("offences").findValuesAsText("offenceId")).containsExactlyInAnyOrder("o1", "o-elsewhere", "o2");
        assertThat(view.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void a_case_registered_before_opening_days_were_recorded_opened_the_day_it_was_recorded_in_london() {
        String child = "it-legacy-" + UUID.randomUUID();
        // As stored before ChildRegistered carried openedOn: recorded at 23:30 UTC on 30 June, 1 July in London.
        eventStore.publish(new GenericDomainEventMessage<>("ChildCase", child, 0,
                new CaseEvents.ChildRegistered(child, "leicester-city", LocalDate.parse("2008-03-14"), "MALE",
                        "WHITE_BRITISH", "Leicester", null),
                MetaData.with("youthJusticeService", "leicester-city").and("recordedBy", "pat.practitioner"),
                UUID.randomUUID().toString(), Instant.parse("2022-06-30T23:30:00Z")));

        JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
        assertThat(view.get("openedOn").asText()).isEqualTo("2022-07-01");
    }

    @Test
    void the_case_reads_back_as_state_and_timeline() {
        String child = registerChild("it-" + UUID.randomUUID(), "2008-03-14");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2023-05-02","offenceCategory":"CRIMINAL_DAMAGE","admitted":false}""");
        post("/cases/" + child + "/offences/o1/outcome", """
                {"code":"COMMUNITY_RESOLUTION","date":"2023-05-20"}""");

        JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
        assertThat(view.get("youthJusticeService").asText()).isEqualTo("leicester-city");
        assertThat(view.get("offences").get(0).get("outcomeCode").asText()).isEqualTo("COMMUNITY_RESOLUTION");
        assertThat(view.get("timeline")).hasSize(3);
        assertThat(view.get("timeline").get(0).get("recordedBy").asText()).isEqualTo("pat.practitioner");
        assertThat(view.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void bad_input_gets_a_problem_naming_the_field_and_stores_nothing() {
        String child = registerChild("it-" + UUID.randomUUID(), "2008-03-14");
        long before = storedEvents();

        ResponseEntity<JsonNode> noDateOfBirth = post("/cases", """
                {"youthJusticeService":"leicester-city","sex":"MALE","ethnicity":"WHITE_BRITISH","localAuthority":"Leicester"}""");
        assertProblem(noDateOfBirth, HttpStatus.BAD_REQUEST, "dateOfBirth");

        ResponseEntity<JsonNode> unknownOutcome = post("/cases/" + child + "/offences", """
                {"offenceDate":"2023-05-02","offenceCategory":"THEFT_AND_HANDLING","admitted":true,
                 "outcome":{"code":"BIRCHING","date":"2023-06-01"}}""");
        assertProblem(unknownOutcome, HttpStatus.BAD_REQUEST, "outcome");

        ResponseEntity<JsonNode> tooYoung = post("/cases/" + child + "/offences", """
                {"offenceDate":"2018-03-13","offenceCategory":"THEFT_AND_HANDLING","admitted":true}""");
        assertProblem(tooYoung, HttpStatus.BAD_REQUEST, "offenceDate");

        ResponseEntity<JsonNode> notADate = post("/cases/" + child + "/offences", """
                {"offenceDate":"yesterday","offenceCategory":"THEFT_AND_HANDLING","admitted":true}""");
        assertProblem(notADate, HttpStatus.BAD_REQUEST, "offenceDate");

        ResponseEntity<JsonNode> unknownChild = post("/cases/nobody-here/offences", """
                {"offenceDate":"2023-05-02","offenceCategory":"THEFT_AND_HANDLING","admitted":true}""");
        assertThat(unknownChild.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/cases/nobody-here", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> again = post("/cases", """
                {"childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2008-03-14","sex":"FEMALE",
                 "ethnicity":"ASIAN_INDIAN","localAuthority":"Leicester"}""".formatted(child));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void a_panel_decision_delivered_twice_is_recorded_on_the_case_once() {
        String child = registerChild("it-" + UUID.randomUUID(), "2009-01-20");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2024-01-03","offenceCategory":"CRIMINAL_DAMAGE","admitted":false}""");
        PanelDecisionRecorded decision = new PanelDecisionRecorded("decision-" + UUID.randomUUID(), "panel-1", child,
                "o1", "OUTCOME_22", LocalDate.of(2024, 1, 10));
        IntegrationEvent event = codec.wrap(UUID.randomUUID().toString(), "leicester-city", Instant.now(), "chair",
                decision);
        KafkaTopics.send(TestInfrastructure.kafkaBootstrapServers(), Topics.PANEL_EVENTS, child,
                codec.write(event), codec.write(event));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
            assertThat(view.get("offences").get(0).get("outcomeCode").asText()).isEqualTo("OUTCOME_22");
            assertThat(view.get("offences").get(0).get("panelDecisionId").asText()).isEqualTo(decision.decisionId());
        });
        // Give the duplicate time to arrive, then check it added nothing.
        List<ConsumerRecord<String, byte[]>> published = readUntil(Topics.CASE_EVENTS, child, 3);
        assertThat(published).hasSize(3);
        JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
        assertThat(view.get("timeline")).hasSize(3);
        assertThat(view.get("timeline").get(2).get("recordedBy").asText()).isEqualTo("chair");
    }

    @Test
    void an_amended_panel_decision_delivered_twice_corrects_the_outcome_once() {
        String child = registerChild("it-" + UUID.randomUUID(), "2009-01-20");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2024-01-03","offenceCategory":"CRIMINAL_DAMAGE","admitted":true}""");
        String decisionId = "decision-" + UUID.randomUUID();
        PanelDecisionRecorded decision = new PanelDecisionRecorded(decisionId, "panel-1", child, "o1", "YOUTH_CAUTION",
                LocalDate.of(2024, 1, 10));
        PanelDecisionAmended amended = new PanelDecisionAmended("amendment-" + UUID.randomUUID(), decisionId,
                "panel-1", child, "o1", "OUTCOME_22", LocalDate.of(2024, 1, 24));
        byte[] amendment = codec.write(codec.wrap(UUID.randomUUID().toString(), "leicester-city", Instant.now(), "chair",
                amended));
        KafkaTopics.send(TestInfrastructure.kafkaBootstrapServers(), Topics.PANEL_EVENTS, child,
                codec.write(codec.wrap(UUID.randomUUID().toString(), "leicester-city", Instant.now(), "chair", decision)),
                amendment, amendment);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.getForObject("/cases/" + child,
                JsonNode.class).get("offences").get(0).get("outcomeCode").asText()).isEqualTo("OUTCOME_22"));
        List<IntegrationEvent> events = readUntil(Topics.CASE_EVENTS, child, 4).stream()
                .map(r -> codec.read(r.value())).toList();
        assertThat(events).extracting(IntegrationEvent::eventType)
                .containsExactly("ChildRegistered", "OffenceRecorded", "OutcomeRecorded", "OutcomeCorrected");
        assertThat(events.get(3).payload().get("correctsEventId").asText()).isEqualTo(events.get(2).eventId());
        assertThat(events.get(3).payload().get("outcomeDate").asText()).isEqualTo("2024-01-24");
        JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
        assertThat(view.get("timeline").findValuesAsText("event")).containsExactly("ChildRegistered", "OffenceRecorded",
                "OutcomeRecorded", "OutcomeCorrected");
        JsonNode trail = AuditTrail.read(http, "childId=" + child);
        assertThat(trail).anySatisfy(entry -> {
            assertThat(entry.get("channel").asText()).isEqualTo("KAFKA");
            assertThat(entry.get("user").asText()).isEqualTo("chair");
            assertThat(entry.get("access").asText()).isEqualTo("WRITE");
            assertThat(entry.get("action").asText()).isEqualTo("COMMAND AmendPanelOutcome");
        });
    }

    @Test
    void a_caution_not_completed_is_recorded_once_and_a_decision_to_charge_is_not_an_outcome() {
        String child = registerChild("it-" + UUID.randomUUID(), "2009-01-20");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2024-01-03","offenceCategory":"CRIMINAL_DAMAGE","admitted":true}""");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o2","offenceDate":"2024-01-04","offenceCategory":"ROBBERY","admitted":true}""");
        String cautionDecision = "decision-" + UUID.randomUUID();
        byte[] caution = codec.write(codec.wrap(UUID.randomUUID().toString(), "leicester-city", Instant.now(), "chair",
                new PanelDecisionRecorded(cautionDecision, "panel-1", child, "o1", "YOUTH_CONDITIONAL_CAUTION",
                        LocalDate.of(2024, 1, 10))));
        byte[] notCompleted = codec.write(codec.wrap(UUID.randomUUID().toString(), "leicester-city", Instant.now(),
                "chair", new YouthConditionalCautionNotCompleted(cautionDecision, child, "o1", LocalDate.of(2024, 4, 10),
                        LocalDate.of(2024, 4, 11))));
        byte[] charge = codec.write(codec.wrap(UUID.randomUUID().toString(), "leicester-city", Instant.now(), "chair",
                new PanelDecisionRecorded("decision-" + UUID.randomUUID(), "panel-1", child, "o2", "CHARGE",
                        LocalDate.of(2024, 1, 10))));
        KafkaTopics.send(TestInfrastructure.kafkaBootstrapServers(), Topics.PANEL_EVENTS, child,
                caution, notCompleted, notCompleted, charge, charge);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode offences = http.getForObject("/cases/" + child, JsonNode.class).get("offences");
            assertThat(offences.get(0).get("conditionalCautionNotCompleted").asBoolean()).isTrue();
            assertThat(offences.get(1).get("chargedOn").asText()).isEqualTo("2024-01-10");
        });
        List<IntegrationEvent> events = readUntil(Topics.CASE_EVENTS, child, 4).stream()
                .map(r -> codec.read(r.value())).toList();
        // The charge publishes no outcome: the offence went to court and has none yet.
        assertThat(events).extracting(IntegrationEvent::eventType)
                .containsExactly("ChildRegistered", "OffenceRecorded", "OffenceRecorded", "OutcomeRecorded");
        JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
        assertThat(view.get("offences").get(1).get("outcomeCode").isNull()).isTrue();
        assertThat(view.get("timeline").findValuesAsText("event")).containsExactly("ChildRegistered",
                "OffenceRecorded", "OffenceRecorded", "OutcomeRecorded", "ConditionalCautionNotCompleted",
                "ChargedByPanelDecision");
    }

    private void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode body = response.getBody();
        assertThat(body.get("status").asInt()).isEqualTo(status.value());
        assertThat(body.get("errors").findValuesAsText("field")).contains(field);
    }

    private static List<ConsumerRecord<String, byte[]>> readUntil(String topic, String key, int expected) {
        return KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(), topic, key, expected,
                Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    private JsonNode readTree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                names.add(f.getKey());
                names.addAll(fieldNames(f.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(n -> names.addAll(fieldNames(n)));
        }
        return names;
    }

    @Test
    void a_change_based_on_a_stale_version_gets_409_with_the_current_version() {
        String child = registerChild("it-" + UUID.randomUUID(), "2008-03-14");
        ResponseEntity<JsonNode> read = http.getForEntity("/cases/" + child, JsonNode.class);
        String etag = read.getHeaders().getETag();
        assertThat(etag).isEqualTo("\"0\"");

        // Someone else records an offence meanwhile: the case moves to version 1.
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2023-05-02","offenceCategory":"THEFT_AND_HANDLING","admitted":true}""");
        long before = storedEvents();
        ResponseEntity<JsonNode> stale = post("/cases/" + child + "/offences", """
                {"offenceId":"o2","offenceDate":"2023-06-02","offenceCategory":"THEFT_AND_HANDLING","admitted":true}""",
                Map.of("If-Match", etag));
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(stale.getBody().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(stale.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(storedEvents()).isEqualTo(before);

        ResponseEntity<JsonNode> current = post("/cases/" + child + "/offences", """
                {"offenceId":"o2","offenceDate":"2023-06-02","offenceCategory":"THEFT_AND_HANDLING","admitted":true}""",
                Map.of("If-Match", "\"1\""));
        assertThat(current.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void a_retried_post_with_the_same_idempotency_key_returns_the_first_answer_and_records_nothing_new() {
        String key = UUID.randomUUID().toString();
        String body = """
                {"youthJusticeService":"leicestershire","dateOfBirth":"2009-09-09","sex":"MALE",
                 "ethnicity":"WHITE_BRITISH","localAuthority":"Leicestershire"}""";
        ResponseEntity<JsonNode> first = post("/cases", body, Map.of("Idempotency-Key", key));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long after = storedEvents();

        ResponseEntity<JsonNode> retry = post("/cases", body, Map.of("Idempotency-Key", key));
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(storedEvents()).isEqualTo(after);

        ResponseEntity<JsonNode> otherRequest = post("/cases", body.replace("MALE", "FEMALE"),
                Map.of("Idempotency-Key", key));
        assertThat(otherRequest.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(otherRequest.getBody().get("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
        assertThat(storedEvents()).isEqualTo(after);
    }

    @Test
    void an_order_and_its_end_status_reach_kafka_with_what_the_kpis_need() {
        String child = registerChild("it-" + UUID.randomUUID(), "2007-10-10");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2023-09-01","offenceCategory":"ROBBERY","gravityScore":4,"admitted":true,
                 "outcome":{"code":"REFERRAL_ORDER","date":"2023-11-06"}}""");
        assertThat(post("/cases/" + child + "/orders", """
                {"orderId":"ro1","orderType":"REFERRAL_ORDER","offenceId":"o1","startDate":"2023-11-06",
                 "plannedEndDate":"2024-05-06"}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertProblem(post("/cases/" + child + "/orders/ro1/end", """
                {"endDate":"2023-11-01","endReason":"COMPLETED"}"""), HttpStatus.BAD_REQUEST, "endDate");
        assertThat(post("/cases/" + child + "/orders/ro1/end", """
                {"endDate":"2024-05-06","endReason":"COMPLETED"}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertProblem(post("/cases/" + child + "/orders/ro1/status", """
                {"point":"END","assessedOn":"2024-05-06"}"""), HttpStatus.BAD_REQUEST, "accommodation");
        assertThat(post("/cases/" + child + "/orders/ro1/status", """
                {"point":"END","assessedOn":"2024-05-06",
                 "accommodation":{"suitable":true,"type":"FAMILY_HOME"},
                 "ete":{"schoolAge":false,"hoursOffered":30,"hoursAttended":16,"status":"PART_TIME","suitable":true},
                 "send":{"identifiedNeed":true,"formalPlan":false},
                 "mentalHealth":{"screenedOrIdentifiedNeed":true,"interventionPlannedOrOffered":true,"attending":false},
                 "substanceMisuse":{"screenedOrIdentifiedNeed":false,"interventionPlannedOrOffered":false,"attending":false},
                 "widerServices":{"lookedAfter":true,"childProtectionPlan":false,"childInNeedPlan":false,"earlyHelp":false}}
                """).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        List<IntegrationEvent> events = readUntil(Topics.CASE_EVENTS, child, 6).stream()
                .map(r -> codec.read(r.value())).toList();
        assertThat(events).extracting(IntegrationEvent::eventType).containsExactly("ChildRegistered",
                "OffenceRecorded", "OutcomeRecorded", "OrderStarted", "OrderEnded", "StatusRecorded");
        JsonNode ended = events.get(4).payload();
        assertThat(ended.get("kind").asText()).isEqualTo("COMMUNITY");
        assertThat(ended.get("endDate").asText()).isEqualTo("2024-05-06");
        JsonNode status = events.get(5).payload();
        assertThat(status.get("ete").get("status").asText()).isEqualTo("PART_TIME");
        assertThat(status.get("widerServices").get("lookedAfter").asBoolean()).isTrue();
    }

    @Test
    void a_corrected_outcome_shows_in_the_case_and_both_facts_stay_in_the_timeline() {
        String child = registerChild("it-" + UUID.randomUUID(), "2008-03-14");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2023-05-02","offenceCategory":"THEFT_AND_HANDLING","admitted":true,
                 "outcome":{"code":"YOUTH_CAUTION","date":"2023-06-01"}}""");
        assertThat(post("/cases/" + child + "/offences/o1/outcome/corrections", """
                {"code":"COMMUNITY_RESOLUTION","date":"2023-06-01","reason":"Entered as a caution in error"}""")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);

        JsonNode view = http.getForObject("/cases/" + child, JsonNode.class);
        assertThat(view.get("offences").get(0).get("outcomeCode").asText()).isEqualTo("COMMUNITY_RESOLUTION");
        JsonNode timeline = view.get("timeline");
        assertThat(timeline.findValuesAsText("event")).containsExactly("ChildRegistered", "OffenceRecorded",
                "OutcomeRecorded", "OutcomeCorrected");
        assertThat(timeline.get(3).get("fact").get("correctsEventId").asText())
                .isEqualTo(timeline.get(2).get("eventId").asText());

        List<IntegrationEvent> events = readUntil(Topics.CASE_EVENTS, child, 4).stream()
                .map(r -> codec.read(r.value())).toList();
        assertThat(events.get(3).eventType()).isEqualTo("OutcomeCorrected");
        assertThat(events.get(3).payload().get("correctsEventId").asText()).isEqualTo(events.get(2).eventId());
        assertThat(events.get(3).payload().has("reason")).isFalse();
    }

    @Test
    void the_court_stage_reaches_kafka_report_remand_and_home_visit() {
        String child = registerChild("it-" + UUID.randomUUID(), "2007-10-10");
        post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2023-10-02","offenceCategory":"ROBBERY","gravityScore":4,"admitted":false}""");
        assertThat(post("/cases/" + child + "/remands", """
                {"remandId":"r1","offenceId":"o1","remandType":"YOUTH_DETENTION_ACCOMMODATION","startDate":"2023-10-03"}""")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertProblem(post("/cases/" + child + "/remands", """
                {"offenceId":"o1","remandType":"HOTEL","startDate":"2023-10-03"}"""), HttpStatus.BAD_REQUEST, "remandType");
        assertThat(post("/cases/" + child + "/remands/r1/end", """
                {"endDate":"2023-12-01"}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/cases/" + child + "/offences/o1/pre-sentence-report", """
                {"requestedOn":"2023-11-01"}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/cases/" + child + "/offences/o1/pre-sentence-report/submission", """
                {"submittedOn":"2023-11-24","proposedOutcomeCode":"YOUTH_REHABILITATION_ORDER","qualityAssured":true}""")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        post("/cases/" + child + "/offences/o1/outcome", """
                {"code":"YOUTH_REHABILITATION_ORDER","date":"2023-12-01"}""");
        assertThat(post("/cases/" + child + "/offences/o1/home-visit", """
                {"visitedAt":"2023-12-01T17:30:00Z"}""").getStatusCode()).isEqualTo(HttpStatus.CREATED);

        List<IntegrationEvent> events = readUntil(Topics.CASE_EVENTS, child, 7).stream()
                .map(r -> codec.read(r.value())).toList();
        assertThat(events).extracting(IntegrationEvent::eventType).containsExactly("ChildRegistered",
                "OffenceRecorded", "RemandRecorded", "RemandRecorded", "PreSentenceReportSubmitted",
                "OutcomeRecorded", "HomeVisitRecorded");
        assertThat(events.get(3).payload().get("endDate").asText()).isEqualTo("2023-12-01");
        assertThat(events.get(4).payload().get("proposedOutcomeCode").asText()).isEqualTo("YOUTH_REHABILITATION_ORDER");
    }
}
