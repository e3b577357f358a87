package org.openyjs.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.Topics;
import org.openyjs.local.PlatformUnderTest;
import org.openyjs.local.SharedPlatform;
import org.openyjs.local.stack.Service;
import org.openyjs.testsupport.KafkaTopics;
import org.openyjs.testsupport.TestInfrastructure;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openyjs.local.PlatformUnderTest.expect;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform, four service processes on real PostgreSQL and a real Kafka broker, driven
 * through the gateway as its users would: the seeds' Leicester City figures for April 2023 to
 * March 2024 (90 first-time entrants, 220 per 100,000; 6 custodial sentences, 0.15 per 1,000 of a
 * 10-17 population of 40,909) come out of events recorded through the API, with distractors that
 * must not count, one outcome arriving through the out-of-court panel and one event delivered twice.
 * The platform is shared with {@code DashboardBrowserIT}, whose children are in earlier years.
 */
@ExtendWith(SharedPlatform.class)
@Order(Order.DEFAULT + 1) // after every other class: see junit-platform.properties
class FirstTimeEntrantsEndToEndIT {

    private static final String CITY = "leicester-city";
    private static final String PERIOD = "service=" + CITY + "&from=2023-04-01&to=2024-03-31";
    private static final LocalDate BORN = LocalDate.of(2007, 6, 1);

    private static PlatformUnderTest platform;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static String practitioner;
    private static String chair;
    private static String analyst;
    private static String admin;

    @BeforeAll
    static void signIn(PlatformUnderTest shared) throws Exception {
        platform = shared;
        practitioner = platform.token("practitioner");
        chair = platform.token("panel-chair");
        analyst = platform.token("analyst");
        admin = platform.token("admin");
    }

    @Test
    void first_time_entrants_and_custody_match_the_published_figures_and_survive_a_rebuild() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);

        // 84 children whose first formal outcome is a youth caution in the period; 10 get a second caution.
        for (int i = 0; i < 84; i++) {
            String child = register(run + "-caution-" + i, CITY);
            LocalDate outcome = LocalDate.of(2023, 4, 3).plusDays(i * 4L);
            offence(child, "o1", outcome.minusDays(14), true, "YOUTH_CAUTION", outcome);
            if (i < 10) {
                offence(child, "o2", outcome.plusDays(20), true, "YOUTH_CAUTION", outcome.plusDays(30));
            }
        }
        // One child's youth caution is decided by the out-of-court panel: the referral and the assessment reach
        // panel-service over Kafka, and the decision reaches the child's case the same way.
        String panelChild = register(run + "-panel", CITY);
        offence(panelChild, "o1", LocalDate.of(2023, 11, 1), true, null, null);
        expect(201, platform.post(practitioner, "/api/cases/" + panelChild + "/offences/o1/panel-referral",
                Map.of("referralDate", "2023-11-02")));
        expect(201, platform.post(practitioner, "/api/cases/" + panelChild + "/assessments", Map.of("offenceId", "o1",
                "tool", "PREVENTION_AND_DIVERSION", "completedOn", "2023-11-08", "qualityAssuredOn", "2023-11-09")));
        String panel = run + "-panel-2023-11-15";
        expect(201, platform.post(chair, "/api/panels", Map.of("panelId", panel, "meetingDate", "2023-11-15")));
        expect(200, platform.put(chair, "/api/panels/" + panel + "/attendance", Map.of("attendees", List.of(
                Map.of("agency", "POLICE", "role", "SERGEANT"),
                Map.of("agency", "YOUTH_JUSTICE_SERVICE", "role", "CHAIR"),
                Map.of("agency", "YOUTH_JUSTICE_SERVICE", "role", "RJ_COORDINATOR")))));
        awaitAccepted(() -> platform.post(chair, "/api/panels/" + panel + "/cases",
                Map.of("childId", panelChild, "offenceId", "o1")));
        awaitAccepted(() -> platform.post(chair, "/api/panels/" + panel + "/decisions", Map.of("childId", panelChild,
                "offenceId", "o1", "outcomeCode", "YOUTH_CAUTION", "rationale", "Admitted; first offence")));
        // Four children whose first outcome is a detention and training order, one a referral order: court FTEs.
        for (int i = 0; i < 4; i++) {
            String child = register(run + "-dto-" + i, CITY);
            offence(child, "o1", LocalDate.of(2023, 6, 1).plusMonths(i), true, "DETENTION_AND_TRAINING_ORDER",
                    LocalDate.of(2023, 7, 3).plusMonths(i));
        }
        offence(register(run + "-ro", CITY), "o1", LocalDate.of(2023, 8, 8), false, "REFERRAL_ORDER",
                LocalDate.of(2023, 9, 12));

        // Distractors: none of these is a first-time entrant in the period.
        for (int i = 0; i < 4; i++) { // first caution before the period...
            String child = register(run + "-earlier-" + i, CITY);
            offence(child, "o1", LocalDate.of(2022, 9, 1), true, "YOUTH_CAUTION", LocalDate.of(2022, 10, 4));
            if (i < 2) { // ...then a custodial sentence in it: custody counts, FTE does not
                offence(child, "o2", LocalDate.of(2023, 8, 1), true, "DETENTION_AND_TRAINING_ORDER",
                        LocalDate.of(2023, 9, 20 + i));
            } else { // ...then a second caution in it
                offence(child, "o2", LocalDate.of(2023, 8, 1), true, "YOUTH_CAUTION", LocalDate.of(2023, 8, 22));
            }
        }
        for (int i = 0; i < 5; i++) {
            offence(register(run + "-cr-" + i, CITY), "o1", LocalDate.of(2023, 5, 2), false, "COMMUNITY_RESOLUTION",
                    LocalDate.of(2023, 5, 9 + i));
        }
        for (int i = 0; i < 3; i++) {
            offence(register(run + "-o22-" + i, CITY), "o1", LocalDate.of(2023, 10, 2), false, "OUTCOME_22",
                    LocalDate.of(2023, 10, 16 + i));
        }
        for (int i = 0; i < 3; i++) { // first caution after the period
            offence(register(run + "-later-" + i, CITY), "o1", LocalDate.of(2024, 3, 20), true, "YOUTH_CAUTION",
                    LocalDate.of(2024, 4, 2 + i));
        }
        offence(register(run + "-late-dto", CITY), "o1", LocalDate.of(2024, 3, 1), true,
                "DETENTION_AND_TRAINING_ORDER", LocalDate.of(2024, 4, 10));
        offence(register(run + "-county", "leicestershire"), "o1", LocalDate.of(2023, 6, 1), true, "YOUTH_CAUTION",
                LocalDate.of(2023, 6, 20));

        // An outcome event delivered a second time, as an at-least-once publisher may.
        redeliver(run + "-caution-0");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode fte = kpi("first-time-entrants");
            assertThat(fte.get("numerator").asLong()).isEqualTo(90);
            JsonNode custody = kpi("custody");
            assertThat(custody.get("numerator").asLong()).isEqualTo(6);
        });
        JsonNode fte = kpi("first-time-entrants");
        assertThat(fte.get("denominator").asLong()).isEqualTo(40_909);
        assertThat(fte.get("rate").decimalValue()).isEqualByComparingTo("220");
        assertThat(fte.get("ratePer").asLong()).isEqualTo(100_000);
        // The year before: only the four children cautioned in October 2022.
        assertThat(fte.get("sameTimeLastYear").get("numerator").asLong()).isEqualTo(4);
        JsonNode custody = kpi("custody");
        assertThat(custody.get("rate").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(custody.get("ratePer").asLong()).isEqualTo(1_000);

        // The panel's decision is on the child's case, recorded once.
        JsonNode panelCase = json.readTree(platform.get(practitioner, "/api/cases/" + panelChild).body());
        assertThat(panelCase.get("offences").get(0).get("outcomeCode").asText()).isEqualTo("YOUTH_CAUTION");
        assertThat(panelCase.get("timeline").findValuesAsText("event")).containsExactly("ChildRegistered",
                "OffenceRecorded", "ReferredToOutOfCourtPanel", "AssessmentRecorded", "OutcomeRecorded");
        assertThat(panelCase.get("timeline").get(4).get("recordedBy").asText()).isEqualTo("panel-chair");

        // A rebuild from the first event ends with exactly the same figures.
        expect(202, platform.post(admin, "/api/kpi/rebuild", Map.of()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                json.readTree(platform.get(admin, "/api/kpi/rebuild").body()).get("state").asText().equals("COMPLETED"));
        assertThat(kpi("first-time-entrants")).isEqualTo(fte);
        assertThat(kpi("custody")).isEqualTo(custody);

        // What Prometheus scrapes: each service's processor and consumer lag (the alerts in deploy/prometheus).
        for (Service service : List.of(Service.CASE, Service.PANEL)) {
            assertThat(scrape(service)).as(service.artifact()).contains("eventProcessor_latency{")
                    .contains("kafka_consumer_fetch_manager_records_lag_max{");
        }
        assertThat(scrape(Service.KPI)).contains("kafka_consumer_fetch_manager_records_lag_max{")
                .contains("kpi_consumer_records_total{").contains("kpi_read_model_staleness_seconds_bucket{");
    }

    private String scrape(Service service) throws Exception {
        return http.send(HttpRequest.newBuilder(platform.service(service).resolve("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void the_gateway_checks_who_is_asking() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(platform.gateway().resolve("/api/kpi/first-time-entrants?" + PERIOD)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(platform.post(analyst, "/api/cases", Map.of("youthJusticeService", CITY)).statusCode()).isEqualTo(403);
        assertThat(platform.get(practitioner, "/api/kpi/first-time-entrants?" + PERIOD).statusCode()).isEqualTo(403);
        HttpResponse<String> badInput = platform.post(practitioner, "/api/cases", Map.of("youthJusticeService", CITY,
                "sex", "FEMALE", "ethnicity", "WHITE_BRITISH", "localAuthority", "Leicester"));
        assertThat(badInput.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badInput.body()).get("errors").findValuesAsText("field")).contains("dateOfBirth");
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Retries a call refused while what it needs is still on its way over Kafka (a refusal records nothing). */
    private static void awaitAccepted(Call call) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> expect(201, call.send()));
    }

    private static JsonNode kpi(String measure) throws Exception {
        HttpResponse<String> response = platform.get(analyst, "/api/kpi/" + measure + "?" + PERIOD);
        expect(200, response);
        return json.readTree(response.body());
    }

    private static String register(String childId, String service) throws Exception {
        expect(201, platform.post(practitioner, "/api/cases", Map.of("childId", childId, "youthJusticeService", service,
                "dateOfBirth", BORN.toString(), "sex", "MALE", "ethnicity", "WHITE_BRITISH",
                "localAuthority", service.equals(CITY) ? "Leicester" : "Leicestershire")));
        return childId;
    }

    private static void offence(String childId, String offenceId, LocalDate offenceDate, boolean admitted,
                                String outcomeCode, LocalDate outcomeDate) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("offenceId", offenceId,
                "offenceDate", offenceDate.toString(), "offenceCategory", "THEFT_AND_HANDLING", "gravityScore", 2,
                "admitted", admitted));
        if (outcomeCode != null) {
            body.put("outcome", Map.of("code", outcomeCode, "date", outcomeDate.toString()));
        }
        expect(201, platform.post(practitioner, "/api/cases/" + childId + "/offences", body));
    }

    /** Reads the child's OutcomeRecorded back off the topic and publishes the very same record again. */
    private static void redeliver(String childId) {
        IntegrationEventCodec codec = new IntegrationEventCodec();
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        byte[] outcome = KafkaTopics.recordsFor(bootstrap, Topics.CASE_EVENTS, childId, 2, Duration.ZERO,
                        Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value)
                .filter(value -> codec.read(value).eventType().equals("OutcomeRecorded"))
                .findFirst().orElse(null);
        assertThat(outcome).as("an OutcomeRecorded for %s on the topic", childId).isNotNull();
        KafkaTopics.send(bootstrap, Topics.CASE_EVENTS, childId, outcome);
    }

}
