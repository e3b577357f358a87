package org.openyjs.panel.referral;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.AssessmentRecorded;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.cases.ReferredToOutOfCourtPanel;
import org.openyjs.events.cases.VictimContactRecorded;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * panel-service on real PostgreSQL and Kafka, fed as case-service feeds it (records carrying their eventType
 * header): an imported referral, long past its due date, followed at once by the outcome the case already
 * has, closes without ever being overdue and leaves the chair's lists; delivered again, nothing new is
 * recorded. The panel's own decision coming back, and an outcome for an offence never referred, change nothing.
 * The late-referral grace is the configured default (an hour), with deadlines polled every second. Every
 * referral here is dated in the past: other ITs read the same topic, and none of these may leave them a
 * deadline weeks ahead (DeadlinesSurviveRestartIT counts its own).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "panel.deadlines.polling-interval=PT1S")
class OutcomeGivenElsewhereIT {

    private static final String CITY = "leicester-city";
    private static final LocalDate REFERRED = LocalDate.of(2023, 12, 15);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_outcome_it");
        TestTokens.defaultCaller(registry, "chair", "PANEL_CHAIR");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @Test
    void an_imported_referral_closed_by_its_outcome_is_never_overdue_and_leaves_the_awaiting_list() throws Exception {
        String child = "child-" + UUID.randomUUID();
        String referral = ReferralId.of(child, "o1");
        IntegrationEvent referred = fromCaseService(new ReferredToOutOfCourtPanel(child, "o1", REFERRED, 2, true));
        IntegrationEvent outcome = fromCaseService(new OutcomeRecorded(child, "o1", "YOUTH_CAUTION",
                LocalDate.of(2024, 1, 17), null));
        // The import's order: the referral, what informs the panel, then the outcome the case already had.
        send(child, referred,
                fromCaseService(new AssessmentRecorded(child, "a1", "o1", "PREVENTION_AND_DIVERSION",
                        LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 5))),
                fromCaseService(new VictimContactRecorded(child, "o1", "v1", LocalDate.of(2024, 1, 4),
                        "VIEWS_GIVEN", true, true, null, null, null)),
                outcome);

        JsonNode closed = await("/referrals/" + referral, r -> "CLOSED".equals(r.path("status").asText()));
        assertThat(closed.get("outcomeCode").asText()).isEqualTo("YOUTH_CAUTION");
        assertThat(closed.get("overdue").asBoolean()).isFalse();
        assertThat(events(referral, "ReferralClosedByOutcomeElsewhere")).isEqualTo(1);
        assertThat(events(referral, "DecisionOverdue")).isZero();
        assertThat(http.getForObject("/referrals?status=AWAITING", JsonNode.class).findValuesAsText("referralId"))
                .doesNotContain(referral);
        assertThat(http.getForObject("/referrals?status=CLOSED", JsonNode.class).findValuesAsText("referralId"))
                .contains(referral);
        // The timeliness saga ended (cancelling its deadline on the way): nothing left to fire.
        await("/referrals/" + referral, r -> timelinessSagas(referral) == 0);

        // Delivered again (at-least-once), then a marker on the same partition: once it is here, the
        // redelivery has been handled, and it recorded nothing.
        send(child, referred, outcome,
                fromCaseService(new ReferredToOutOfCourtPanel(child, "o9", REFERRED, 2, true)));
        await("/referrals/" + ReferralId.of(child, "o9"), r -> r.has("referralId"));
        assertThat(events(referral, "ReferralReceived")).isEqualTo(1);
        assertThat(events(referral, "ReferralClosedByOutcomeElsewhere")).isEqualTo(1);
        assertThat(events(referral, "DecisionOverdue")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, referral)).isEqualTo(4); // received, assessment, victim contact, closed
    }

    @Test
    void a_refused_command_among_a_poll_s_records_is_skipped_and_the_others_are_recorded() throws Exception {
        // Sent together, so they arrive in one poll and go as one batch: the refusal in the middle rolls the batch
        // back, and the records before and after it must still be recorded, each once.
        String child = "child-" + UUID.randomUUID();
        String first = ReferralId.of(child, "o1");
        String second = ReferralId.of(child, "o2");
        double refusedBefore = refused();
        send(child,
                fromCaseService(new ReferredToOutOfCourtPanel(child, "o1", REFERRED, 2, true)),
                fromCaseService(new ReferredToOutOfCourtPanel(child, "o2", REFERRED, 3, true)),
                fromCaseService(new VictimContactRecorded(child, "o1", "v1", LocalDate.of(2024, 1, 4),
                        "NO_SUCH_RESULT", true, true, null, null, null)),
                fromCaseService(new VictimContactRecorded(child, "o2", "v2", LocalDate.of(2024, 1, 4),
                        "VIEWS_GIVEN", true, true, null, null, null)),
                fromCaseService(new OutcomeRecorded(child, "o1", "YOUTH_CAUTION", LocalDate.of(2024, 1, 17), null)));

        await("/referrals/" + first, r -> "CLOSED".equals(r.path("status").asText()));
        await("/referrals/" + second, r -> r.has("referralId"));
        assertThat(events(first, "ReferralReceived")).isEqualTo(1);
        assertThat(events(first, "VictimContactNoted")).isZero();
        assertThat(events(first, "ReferralClosedByOutcomeElsewhere")).isEqualTo(1);
        assertThat(events(second, "ReferralReceived")).isEqualTo(1);
        assertThat(events(second, "VictimContactNoted")).isEqualTo(1);
        assertThat(refused() - refusedBefore).isEqualTo(1.0);
    }

    @Test
    void a_listed_referral_closed_by_an_outcome_elsewhere_is_refused_a_decision_saying_why() throws Exception {
        String child = "child-" + UUID.randomUUID();
        String referral = ReferralId.of(child, "o1");
        send(child, fromCaseService(new ReferredToOutOfCourtPanel(child, "o1", REFERRED, 2, true)));
        await("/referrals/" + referral, r -> r.has("referralId"));
        String panel = "panel-" + UUID.randomUUID();
        assertThat(post("/panels", """
                {"panelId":"%s","meetingDate":"2024-01-10"}""".formatted(panel)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/panels/" + panel + "/cases", """
                {"childId":"%s","offenceId":"o1"}""".formatted(child)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        // The police gave a community resolution themselves before the panel met.
        send(child, fromCaseService(new OutcomeRecorded(child, "o1", "COMMUNITY_RESOLUTION", LocalDate.of(2024, 1, 8),
                null)));
        await("/referrals/" + referral, r -> "CLOSED".equals(r.path("status").asText()));
        JsonNode agenda = await("/panels/" + panel + "/agenda", a -> a.path("cases").size() == 1
                && "CLOSED".equals(a.path("cases").get(0).path("agendaState").asText()));
        assertThat(agenda.get("cases").get(0).get("note").asText()).contains("COMMUNITY_RESOLUTION");

        ResponseEntity<JsonNode> refused = post("/panels/" + panel + "/decisions", """
                {"childId":"%s","offenceId":"o1","outcomeCode":"YOUTH_CAUTION","rationale":"r",
                 "assessmentOverrideReason":"none"}""".formatted(child));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().path("errors").findValuesAsText("field")).containsExactly("referralId");
        assertThat(refused.getBody().toString()).contains("COMMUNITY_RESOLUTION").contains("outside the panel");
        assertThat(events(referral, "DecisionRecorded")).isZero();
    }

    @Test
    void the_panel_s_own_decision_coming_back_and_what_concerns_an_offence_never_referred_change_nothing()
            throws Exception {
        String child = "child-" + UUID.randomUUID();
        String referral = ReferralId.of(child, "o1");
        send(child, fromCaseService(new ReferredToOutOfCourtPanel(child, "o1", REFERRED, 2, true)),
                fromCaseService(new OutcomeRecorded(child, "o1", "YOUTH_CAUTION", REFERRED, "decision-1")),
                fromCaseService(new AssessmentRecorded(child, "a2", "o2", "ASSETPLUS", REFERRED, null)),
                fromCaseService(new VictimContactRecorded(child, "o2", "v2", REFERRED, "DECLINED", false,
                        false, null, null, null)),
                fromCaseService(new OutcomeRecorded(child, "o2", "REFERRAL_ORDER", REFERRED, null)),
                fromCaseService(new ReferredToOutOfCourtPanel(child, "o9", REFERRED, 2, true)));
        await("/referrals/" + ReferralId.of(child, "o9"), r -> r.has("referralId"));
        assertThat(await("/referrals/" + referral, r -> r.has("referralId")).get("status").asText())
                .isEqualTo("AWAITING");
        assertThat(events(referral, "ReferralClosedByOutcomeElsewhere")).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, ReferralId.of(child, "o2"))).isZero();
    }

    // --- helpers

    private int events(String aggregateId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Integer.class, aggregateId, "%$" + type);
    }

    private double refused() {
        Counter counter = meters.find("yjs.panel.case-events.skipped").tag("reason", "refused").counter();
        return counter == null ? 0 : counter.count();
    }

    private int timelinessSagas(String referral) {
        return jdbc.queryForObject("SELECT count(*) FROM associationvalueentry WHERE associationkey = 'referralId' "
                + "AND associationvalue = ? AND sagatype LIKE '%DecisionTimelinessSaga'", Integer.class, referral);
    }

    private IntegrationEvent fromCaseService(IntegrationPayload payload) {
        return codec.wrap(UUID.randomUUID().toString(), CITY, Instant.now(), "practitioner", payload);
    }

    /** As case-service's publisher writes them: keyed by child, the event's type in the eventType header. */
    private void send(String child, IntegrationEvent... events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (IntegrationEvent event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CASE_EVENTS, child,
                        codec.write(event));
                record.headers().add("eventType", event.eventType().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestTokens.token("chair", "PANEL_CHAIR"));
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** Polls a read model until it shows what is expected (it trails the commands by a moment). */
    private JsonNode await(String path, Predicate<JsonNode> until) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(30);
        JsonNode last = null;
        while (Instant.now().isBefore(giveUp)) {
            ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
            last = response.getBody();
            if (response.getStatusCode().is2xxSuccessful() && last != null && until.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET " + path + " never showed what was expected; last: " + last);
    }
}
