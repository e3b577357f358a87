package org.openyjs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.Topics;
import org.openyjs.testsupport.KafkaTopics;
import org.openyjs.testsupport.TestInfrastructure;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of the child's case lifecycle on real PostgreSQL and Kafka: each stage's REST calls, the
 * case's state and timeline, and the messages on {@code yjs.case-events} (none with personal data).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CaseLifecycleIT {

    private static final String PRACTITIONER = "pat.practitioner";
    private static final String VICTIM_NAME = "Philippa Quennell-Smythe";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "case_lifecycle");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String body, String user, String roles) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Authenticated-User", user);
        headers.set("X-Authenticated-Roles", roles);
        headers.set("X-Correlation-Id", "corr-" + user);
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        return call(HttpMethod.POST, path, body, PRACTITIONER, "PRACTITIONER");
    }

    private JsonNode read(String child) {
        ResponseEntity<JsonNode> response = call(HttpMethod.GET, "/cases/" + child, null, PRACTITIONER, "PRACTITIONER");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static void created(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private static void refused(ResponseEntity<JsonNode> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        if (field != null) {
            assertThat(response.getBody().get("errors").findValuesAsText("field")).contains(field);
        }
    }

    private String registerChild() {
        String child = "life-" + UUID.randomUUID();
        created(post("/cases", """
                {"childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2010-06-01","sex":"MALE",
                 "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester"}""".formatted(child)));
        return child;
    }

    /** The child's integration events, checked to carry no personal data field. */
    private List<IntegrationEvent> published(String child, int expected) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(),
                Topics.CASE_EVENTS, child, expected, Duration.ofSeconds(2), Duration.ofSeconds(30));
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(CaseServiceIT.fieldNames(tree(record.value())))
                    .doesNotContainAnyElementsOf(CaseServiceIT.PERSONAL_DATA_FIELDS)
                    .doesNotContain("reason", "comment", "worker");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(VICTIM_NAME);
        }
        return records.stream().map(r -> codec.read(r.value())).toList();
    }

    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> types(List<IntegrationEvent> events) {
        return events.stream().map(IntegrationEvent::eventType).toList();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    @Test
    void prevention_referral_consent_work_closure_and_the_check_due_a_year_later() {
        String child = registerChild();
        created(post("/cases/" + child + "/prevention-referrals", """
                {"referralId":"pr1","referredOn":"2025-01-06","source":"SCHOOL","consent":"PENDING"}"""));
        refused(post("/cases/" + child + "/prevention-referrals", """
                {"referredOn":"2025-01-06","source":"GOSSIP","consent":"PENDING"}"""), HttpStatus.BAD_REQUEST, "source");
        created(post("/cases/" + child + "/prevention-referrals/pr1/consent", """
                {"consent":"GIVEN","decidedOn":"2025-01-10"}"""));
        created(post("/cases/" + child + "/orders", """
                {"orderId":"p1","orderType":"PREVENTION_INTERVENTION","startDate":"2025-01-13","plannedEndDate":"2025-04-13"}"""));
        created(post("/cases/" + child + "/orders/p1/end", """
                {"endDate":"2025-04-13","endReason":"COMPLETED"}"""));
        refused(post("/cases/" + child + "/closure", """
                {"on":"2025-04-14","reasonCode":"BORED","reason":"Programme completed"}"""), HttpStatus.BAD_REQUEST,
                "reasonCode");
        created(post("/cases/" + child + "/closure", """
                {"on":"2025-04-14","reasonCode":"PREVENTION_COMPLETED","reason":"Programme completed"}"""));

        JsonNode view = read(child);
        assertThat(view.get("preventionReferrals").get(0).get("consent").asText()).isEqualTo("GIVEN");
        assertThat(view.get("due").findValuesAsText("what")).containsExactly("POST_CLOSURE_CHECK");
        assertThat(view.get("due").get(0).get("dueOn").asText()).isEqualTo("2026-04-14");
        assertThat(view.get("overdue").findValuesAsText("what")).containsExactly("POST_CLOSURE_CHECK");
        created(post("/cases/" + child + "/post-closure-check", """
                {"checkedOn":"2026-04-20","furtherInvolvement":false}"""));
        assertThat(read(child).get("due")).isEmpty();

        List<IntegrationEvent> events = published(child, 6);
        assertThat(types(events)).containsExactly("ChildRegistered", "PreventionReferralRecorded",
                "PreventionReferralRecorded", "OrderStarted", "OrderEnded", "CaseClosed");
        assertThat(events.get(2).payload().get("consent").asText()).isEqualTo("GIVEN");
        assertThat(events.get(3).payload().get("kind").asText()).isEqualTo("PREVENTION");
        assertThat(events.get(5).payload().get("closureCode").asText()).isEqualTo("PREVENTION_COMPLETED");
    }

    @Test
    void an_arrest_owes_a_worker_until_one_is_allocated_then_pace_transfer_and_bail() {
        String child = registerChild();
        created(post("/cases/" + child + "/arrests", """
                {"arrestId":"a1","arrestedAt":"2026-03-02T21:15:00Z","heldOvernight":true}"""));
        JsonNode before = read(child);
        assertThat(before.get("due").findValuesAsText("what")).contains("WORKER_ALLOCATION");
        assertThat(before.get("overdue").findValuesAsText("what")).contains("WORKER_ALLOCATION");

        refused(post("/cases/" + child + "/arrests/a1/worker-allocation", """
                {"worker":"wendy.worker","allocatedAt":"2026-03-02T20:00:00Z"}"""), HttpStatus.BAD_REQUEST, "allocatedAt");
        created(post("/cases/" + child + "/arrests/a1/worker-allocation", """
                {"worker":"wendy.worker","allocatedAt":"2026-03-02T21:45:00Z"}"""));
        created(post("/cases/" + child + "/arrests/a1/pace-transfer", """
                {"provided":false}"""));
        created(post("/cases/" + child + "/arrests/a1/result", """
                {"result":"BAILED"}"""));

        JsonNode after = read(child);
        assertThat(after.get("due").findValuesAsText("what")).doesNotContain("WORKER_ALLOCATION");
        assertThat(after.get("allocatedWorker").asText()).isEqualTo("wendy.worker");
        assertThat(after.get("arrests").get(0).get("result").asText()).isEqualTo("BAILED");

        List<IntegrationEvent> events = published(child, 5);
        assertThat(types(events)).containsExactly("ChildRegistered", "ArrestRecorded", "ArrestRecorded",
                "ArrestRecorded", "ArrestRecorded");
        JsonNode last = events.get(4).payload();
        assertThat(last.get("workerAllocatedAt").asText()).isEqualTo("2026-03-02T21:45:00Z");
        assertThat(last.get("paceTransferRequested").asBoolean()).isTrue();
        assertThat(last.get("paceTransferProvided").asBoolean()).isFalse();
        assertThat(last.get("result").asText()).isEqualTo("BAILED");
    }

    @Test
    void a_referral_order_has_panels_a_plan_contacts_and_a_breach_and_nothing_after_early_revocation() {
        String child = registerChild();
        created(post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2025-09-01","offenceCategory":"ROBBERY","gravityScore":3,"admitted":true,
                 "outcome":{"code":"REFERRAL_ORDER","date":"2025-10-06"}}"""));
        created(post("/cases/" + child + "/orders", """
                {"orderId":"ro1","orderType":"REFERRAL_ORDER","offenceId":"o1","startDate":"2025-10-06",
                 "plannedEndDate":"2026-10-06"}"""));
        created(post("/cases/" + child + "/orders", """
                {"orderId":"yro1","orderType":"YOUTH_REHABILITATION_ORDER","offenceId":"o1","startDate":"2025-10-06"}"""));
        refused(post("/cases/" + child + "/orders/ro1/panels", """
                {"panelType":"REVIEW","heldOn":"2025-10-20"}"""), HttpStatus.CONFLICT, "panelType");
        refused(post("/cases/" + child + "/orders/yro1/panels", """
                {"panelType":"INITIAL","heldOn":"2025-10-20"}"""), HttpStatus.BAD_REQUEST, "orderId");
        created(post("/cases/" + child + "/orders/ro1/panels", """
                {"panelType":"INITIAL","heldOn":"2025-10-20"}"""));
        created(post("/cases/" + child + "/orders/ro1/plan", """
                {"agreedOn":"2025-10-20","coProducedWithChild":true}"""));
        created(post("/cases/" + child + "/orders/ro1/reviews", """
                {"heldOn":"2026-01-20","childAttended":true}"""));
        created(post("/cases/" + child + "/orders/ro1/contacts", """
                {"contactOn":"2025-11-03","contactType":"FACE_TO_FACE","attended":false}"""));
        refused(post("/cases/" + child + "/orders/ro1/breaches", """
                {"breachedOn":"2025-10-01"}"""), HttpStatus.BAD_REQUEST, "breachedOn");
        created(post("/cases/" + child + "/orders/ro1/breaches", """
                {"breachedOn":"2025-11-03"}"""));
        created(post("/cases/" + child + "/orders/ro1/end", """
                {"endDate":"2026-04-06","endReason":"REVOKED"}"""));
        refused(post("/cases/" + child + "/orders/ro1/contacts", """
                {"contactOn":"2026-04-10","contactType":"PHONE","attended":true}"""), HttpStatus.CONFLICT, "orderId");

        JsonNode timeline = read(child).get("timeline");
        assertThat(timeline.findValuesAsText("event")).contains("ReferralOrderPanelHeld", "InterventionPlanRecorded",
                "ChildReviewMeetingHeld", "OrderContactRecorded", "BreachRecorded");
        List<IntegrationEvent> events = published(child, 6);
        assertThat(types(events)).containsExactly("ChildRegistered", "OffenceRecorded", "OutcomeRecorded",
                "OrderStarted", "OrderStarted", "OrderEnded");
        assertThat(events.get(5).payload().get("endReason").asText()).isEqualTo("REVOKED");
    }

    @Test
    void custody_admission_accommodation_referral_and_release_on_licence() {
        String child = registerChild();
        created(post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2025-06-01","offenceCategory":"ROBBERY","gravityScore":5,"admitted":true,
                 "outcome":{"code":"DETENTION_AND_TRAINING_ORDER","date":"2025-08-01"}}"""));
        created(post("/cases/" + child + "/orders", """
                {"orderId":"dto1","orderType":"DETENTION_AND_TRAINING_ORDER","offenceId":"o1","startDate":"2025-08-01",
                 "plannedEndDate":"2026-08-01"}"""));
        created(post("/cases/" + child + "/orders", """
                {"orderId":"ro1","orderType":"REFERRAL_ORDER","offenceId":"o1","startDate":"2025-08-01"}"""));
        refused(post("/cases/" + child + "/orders/ro1/custody/admission", """
                {"establishmentType":"YOI","admittedOn":"2025-08-01","expectedReleaseDate":"2026-02-01"}"""),
                HttpStatus.BAD_REQUEST, "orderId");
        refused(post("/cases/" + child + "/orders/dto1/custody/release", """
                {"releasedOn":"2026-02-01","releaseType":"LICENCE"}"""), HttpStatus.CONFLICT, "orderId");
        created(post("/cases/" + child + "/orders/dto1/custody/admission", """
                {"establishmentType":"STC","admittedOn":"2025-08-01","expectedReleaseDate":"2026-02-01"}"""));
        JsonNode admitted = read(child);
        assertThat(admitted.get("due").findValuesAsText("what")).contains("ACCOMMODATION_REFERRAL");
        assertThat(admitted.get("due").findValuesAsText("dueOn")).contains("2025-11-01");

        created(post("/cases/" + child + "/orders/dto1/custody/youth-advocate", """
                {"on":"2025-08-04"}"""));
        created(post("/cases/" + child + "/orders/dto1/custody/accommodation-referral", """
                {"on":"2025-10-15"}"""));
        created(post("/cases/" + child + "/orders/dto1/custody/temporary-releases", """
                {"leftOn":"2025-12-20","returnedOn":"2025-12-21"}"""));
        created(post("/cases/" + child + "/orders/dto1/custody/release", """
                {"releasedOn":"2026-02-01","releaseType":"LICENCE"}"""));

        JsonNode released = read(child);
        assertThat(released.get("due").findValuesAsText("what")).doesNotContain("ACCOMMODATION_REFERRAL");
        assertThat(released.get("custody").get(0).get("releaseType").asText()).isEqualTo("LICENCE");

        List<IntegrationEvent> events = published(child, 8);
        assertThat(types(events)).containsExactly("ChildRegistered", "OffenceRecorded", "OutcomeRecorded",
                "OrderStarted", "OrderStarted", "CustodyEntered", "ResettlementAccommodationReferralMade",
                "ReleasedFromCustody");
        assertThat(events.get(5).payload().get("expectedReleaseDate").asText()).isEqualTo("2026-02-01");
        assertThat(events.get(6).payload().get("referredOn").asText()).isEqualTo("2025-10-15");
        assertThat(events.get(7).payload().get("releaseType").asText()).isEqualTo("LICENCE");
    }

    @Test
    void a_case_transferred_out_records_nothing_until_it_comes_back_and_closure_and_reopening_are_published() {
        String child = registerChild();
        created(post("/cases/" + child + "/transition-decision", """
                {"decidedOn":"2026-01-05","decision":"REMAIN_WITH_YOUTH_JUSTICE"}"""));
        created(post("/cases/" + child + "/transfers", """
                {"direction":"OUT","otherYouthJusticeService":"leicestershire","arrangement":"TRANSFER",
                 "transferredOn":"2026-02-01"}"""));
        long before = storedEvents();
        refused(post("/cases/" + child + "/offences", """
                {"offenceDate":"2026-02-10","offenceCategory":"THEFT_AND_HANDLING","admitted":true}"""),
                HttpStatus.CONFLICT, "childId");
        assertThat(storedEvents()).isEqualTo(before);
        created(post("/cases/" + child + "/transfers", """
                {"direction":"IN","otherYouthJusticeService":"leicestershire","arrangement":"TRANSFER",
                 "transferredOn":"2026-03-01"}"""));
        created(post("/cases/" + child + "/feedback", """
                {"respondent":"CHILD","rating":4,"comment":"My worker listened","givenOn":"2026-03-02"}"""));
        created(post("/cases/" + child + "/audits", """
                {"auditId":"qa1","subject":"CASE","auditedOn":"2026-03-03","rating":"GOOD"}"""));
        created(post("/cases/" + child + "/closure", """
                {"on":"2026-03-05","reasonCode":"NO_FURTHER_INVOLVEMENT","reason":"Settled, says Mrs Smith"}"""));
        created(post("/cases/" + child + "/reopening", """
                {"on":"2026-03-10","reason":"New referral"}"""));

        JsonNode view = read(child);
        assertThat(view.get("transitionDecision").get("decision").asText()).isEqualTo("REMAIN_WITH_YOUTH_JUSTICE");
        assertThat(view.get("lastTransfer").get("direction").asText()).isEqualTo("IN");
        List<IntegrationEvent> events = published(child, 6);
        assertThat(types(events)).containsExactly("ChildRegistered", "CaseTransferred", "CaseTransferred",
                "CaseAuditRecorded", "CaseClosed", "CaseReopened");
        assertThat(events.get(1).payload().get("otherYouthJusticeService").asText()).isEqualTo("leicestershire");
        assertThat(events.get(3).payload().get("rating").asText()).isEqualTo("GOOD");
        assertThat(events.get(4).payload().get("closureCode").asText()).isEqualTo("NO_FURTHER_INVOLVEMENT");
    }

    @Test
    void victim_answers_go_out_as_version_2_and_victim_details_are_for_the_victim_officer_only() {
        String child = registerChild();
        created(post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2025-09-01","offenceCategory":"ROBBERY","gravityScore":3,"admitted":true}"""));
        created(post("/cases/" + child + "/offences/o1/victim-contacts", """
                {"victimId":"v1","contactedOn":"2025-09-10","result":"VIEWS_GIVEN","consentedToContact":true,
                 "restorativeJusticeOffered":true,"keptInformed":true,"restorativeJusticeParticipated":false,
                 "supportReferralMade":true}"""));
        String details = """
                {"victimId":"v1","offenceId":"o1","name":"%s","contactDetails":{"phone":"0116 111 1111"}}"""
                .formatted(VICTIM_NAME);
        refused(call(HttpMethod.POST, "/cases/" + child + "/victims", details, PRACTITIONER, "PRACTITIONER"),
                HttpStatus.FORBIDDEN, null);
        created(call(HttpMethod.POST, "/cases/" + child + "/victims", details, "vera", "PRACTITIONER,VICTIM_OFFICER"));

        ResponseEntity<JsonNode> one = call(HttpMethod.GET, "/cases/" + child + "/victims/v1", null, "vera",
                "VICTIM_OFFICER");
        assertThat(one.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(one.getBody().get("name").asText()).isEqualTo(VICTIM_NAME);
        assertThat(call(HttpMethod.GET, "/cases/" + child + "/victims", null, "vera", "VICTIM_OFFICER").getBody()
                .findValuesAsText("victimId")).containsExactly("v1");
        refused(call(HttpMethod.GET, "/cases/" + child + "/victims", null, PRACTITIONER, "PRACTITIONER"),
                HttpStatus.FORBIDDEN, null);
        refused(call(HttpMethod.GET, "/cases/" + child + "/victims/v1", null, PRACTITIONER, "PRACTITIONER"),
                HttpStatus.FORBIDDEN, null);

        // Nowhere in clear: not in the event store, not in the timeline.
        List<byte[]> stored = jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = :child")
                .param("child", child).query(byte[].class).list();
        assertThat(stored).noneMatch(p -> new String(p, StandardCharsets.UTF_8).contains(VICTIM_NAME));
        assertThat(read(child).toString()).doesNotContain(VICTIM_NAME);

        List<IntegrationEvent> events = published(child, 3);
        assertThat(types(events)).containsExactly("ChildRegistered", "OffenceRecorded", "VictimContactRecorded");
        IntegrationEvent contact = events.get(2);
        assertThat(contact.schemaVersion()).isEqualTo(2);
        assertThat(contact.payload().get("keptInformed").asBoolean()).isTrue();
        assertThat(contact.payload().get("restorativeJusticeParticipated").asBoolean()).isFalse();
        assertThat(contact.payload().get("supportReferralMade").asBoolean()).isTrue();

        assertThat(call(HttpMethod.POST, "/cases/" + child + "/erasure", "{\"reason\":\"Subject's request\"}", "dpo",
                "ADMIN").getStatusCode()).isEqualTo(HttpStatus.OK);
        refused(call(HttpMethod.GET, "/cases/" + child + "/victims/v1", null, "vera", "VICTIM_OFFICER"),
                HttpStatus.GONE, null);
    }

    @Test
    void a_restricted_record_is_refused_to_users_not_named_and_every_read_and_write_is_audited() {
        String child = registerChild();
        created(post("/cases/" + child + "/worker-allocation", """
                {"worker":"wendy","allocatedAt":"2026-01-05T09:00:00Z"}"""));
        refused(call(HttpMethod.POST, "/cases/" + child + "/restriction", """
                {"workers":["bob"]}""", "bob", "PRACTITIONER"), HttpStatus.FORBIDDEN, null);
        created(call(HttpMethod.POST, "/cases/" + child + "/restriction", """
                {"workers":["wendy","mo"]}""", "wendy", "PRACTITIONER"));

        refused(call(HttpMethod.GET, "/cases/" + child, null, "bob", "PRACTITIONER"), HttpStatus.FORBIDDEN, null);
        long before = storedEvents();
        refused(call(HttpMethod.POST, "/cases/" + child + "/offences", """
                {"offenceDate":"2026-02-10","offenceCategory":"THEFT_AND_HANDLING","admitted":true}""", "bob",
                "PRACTITIONER"), HttpStatus.FORBIDDEN, null);
        assertThat(storedEvents()).isEqualTo(before);
        ResponseEntity<JsonNode> mo = call(HttpMethod.GET, "/cases/" + child, null, "mo", "PRACTITIONER");
        assertThat(mo.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(mo.getBody().get("restrictedTo").toString()).contains("wendy", "mo");
        // An admin not named can lift the restriction and do nothing else.
        refused(call(HttpMethod.GET, "/cases/" + child, null, "ada", "ADMIN"), HttpStatus.FORBIDDEN, null);
        created(call(HttpMethod.POST, "/cases/" + child + "/restriction/lifting", null, "ada", "ADMIN"));
        assertThat(call(HttpMethod.GET, "/cases/" + child, null, "bob", "PRACTITIONER").getStatusCode())
                .isEqualTo(HttpStatus.OK);

        JsonNode trail = call(HttpMethod.GET, "/audit/case-access?childId=" + child, null, "ada", "ADMIN").getBody();
        assertThat(trail).anySatisfy(entry -> {
            assertThat(entry.get("user").asText()).isEqualTo("bob");
            assertThat(entry.get("access").asText()).isEqualTo("READ");
            assertThat(entry.get("status").asInt()).isEqualTo(403);
            assertThat(entry.get("action").asText()).isEqualTo("GET /cases/{childId} 403");
        });
        assertThat(trail).anySatisfy(entry -> {
            assertThat(entry.get("user").asText()).isEqualTo("bob");
            assertThat(entry.get("access").asText()).isEqualTo("WRITE");
            assertThat(entry.get("status").asInt()).isEqualTo(403);
        });
        assertThat(trail).anySatisfy(entry -> {
            assertThat(entry.get("user").asText()).isEqualTo("wendy");
            assertThat(entry.get("access").asText()).isEqualTo("WRITE");
            assertThat(entry.get("roles").asText()).isEqualTo("PRACTITIONER");
            assertThat(entry.get("correlationId").asText()).isEqualTo("corr-wendy");
            assertThat(entry.get("action").asText()).isEqualTo("POST /cases/{childId}/restriction 201");
        });
        assertThat(trail).anySatisfy(entry -> {
            assertThat(entry.get("user").asText()).isEqualTo(PRACTITIONER);
            assertThat(entry.get("access").asText()).isEqualTo("WRITE");
            assertThat(entry.get("action").asText()).isEqualTo("POST /cases 201");
        });
        JsonNode bobs = call(HttpMethod.GET, "/audit/case-access?user=bob", null, "ada", "ADMIN").getBody();
        assertThat(bobs.findValuesAsText("childId")).contains(child);
        assertThat(bobs.findValuesAsText("user")).containsOnly("bob");
    }

    @Test
    void the_new_commands_are_in_the_openapi_and_keep_if_match_and_idempotency_keys() {
        JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");
        assertThat(paths.has("/cases/{childId}/prevention-referrals")).isTrue();
        assertThat(paths.has("/cases/{childId}/arrests/{arrestId}/worker-allocation")).isTrue();
        assertThat(paths.has("/cases/{childId}/orders/{orderId}/panels")).isTrue();
        assertThat(paths.has("/cases/{childId}/orders/{orderId}/custody/admission")).isTrue();
        assertThat(paths.has("/cases/{childId}/transfers")).isTrue();
        assertThat(paths.has("/cases/{childId}/audits")).isTrue();
        assertThat(paths.has("/cases/{childId}/victims/{victimId}")).isTrue();
        assertThat(paths.has("/cases/{childId}/restriction")).isTrue();

        String child = registerChild();
        created(post("/cases/" + child + "/arrests", """
                {"arrestId":"a1","arrestedAt":"2026-03-02T21:15:00Z","heldOvernight":false}"""));
        long before = storedEvents();
        HttpHeaders stale = new HttpHeaders();
        stale.setContentType(MediaType.APPLICATION_JSON);
        stale.set("X-Authenticated-User", PRACTITIONER);
        stale.set("X-Authenticated-Roles", "PRACTITIONER");
        stale.set("If-Match", "\"0\"");
        ResponseEntity<JsonNode> refusedStale = http.exchange("/cases/" + child + "/arrests/a1/result", HttpMethod.POST,
                new HttpEntity<>("{\"result\":\"BAILED\"}", stale), JsonNode.class);
        assertThat(refusedStale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refusedStale.getBody().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(storedEvents()).isEqualTo(before);

        HttpHeaders keyed = new HttpHeaders();
        keyed.setContentType(MediaType.APPLICATION_JSON);
        keyed.set("X-Authenticated-User", PRACTITIONER);
        keyed.set("X-Authenticated-Roles", "PRACTITIONER");
        keyed.set("Idempotency-Key", UUID.randomUUID().toString());
        HttpEntity<String> audit = new HttpEntity<>("""
                {"subject":"CASE","auditedOn":"2026-03-03","rating":"GOOD"}""", keyed);
        ResponseEntity<JsonNode> first = http.exchange("/cases/" + child + "/audits", HttpMethod.POST, audit,
                JsonNode.class);
        created(first);
        long after = storedEvents();
        ResponseEntity<JsonNode> retry = http.exchange("/cases/" + child + "/audits", HttpMethod.POST, audit,
                JsonNode.class);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(storedEvents()).isEqualTo(after);
    }
}
