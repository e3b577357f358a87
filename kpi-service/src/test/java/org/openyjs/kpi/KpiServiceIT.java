package org.openyjs.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEvent;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.IntegrationPayload;
import org.openyjs.events.Topics;
import org.openyjs.events.cases.ChildRegistered;
import org.openyjs.events.cases.OffenceRecorded;
import org.openyjs.events.cases.OutcomeRecorded;
import org.openyjs.events.panel.PanelDecisionRecorded;
import org.openyjs.kpi.consuming.IntegrationEventListener;
import org.openyjs.kpi.measure.KpiFigure;
import org.openyjs.kpi.measure.YearOnYear;
import org.openyjs.kpi.rebuild.ConsumerGroupRewind;
import org.openyjs.kpi.rebuild.RebuildStatus;
import org.openyjs.testsupport.TestInfrastructure;
import org.openyjs.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole read side on the real broker and real PostgreSQL: envelopes produced to the topics,
 * a duplicate, a malformed record and a newer contract among them; figures checked against a hand
 * computation, then again after a full redelivery and after a rebuild.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class KpiServiceIT {

    private static final String CITY = "leicester-city";
    private static final String COUNTY = "leicestershire";
    private static final LocalDate BORN_2008 = LocalDate.of(2008, 3, 10);
    private static final List<String> TOPICS = List.of(Topics.CASE_EVENTS, Topics.PANEL_EVENTS);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Admin admin;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "kpi");
        // Reads, rebuilds and population uploads as the admin; the analyst's own calls say so.
        TestTokens.defaultCaller(registry, "ada.admin", "ADMIN");
    }

    @BeforeAll
    static void topics() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()));
        for (String topic : TOPICS) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    @AfterAll
    static void closeAdmin() {
        admin.close();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    ConsumerGroupRewind rewind;
    @Autowired
    MeterRegistry meters;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @Test
    void derivesTheFiguresOnceEachDespiteDuplicatesBadRecordsRedeliveryAndRebuild() throws Exception {
        double appliedBefore = counter("applied");
        Produced produced = produceTwoYearsOfLeicesterCity();
        awaitEverythingConsumed();

        assertFigures();
        assertThat(get("first-time-entrants", COUNTY, "2023-04-01", "2024-03-31").numerator()).isEqualTo(1);
        assertThat(counter("applied") - appliedBefore).as("unique well-formed events").isEqualTo(produced.records() - 3);
        // The registrations (and orders) are claimed in processed_event; every other fact row is keyed by its event.
        int processedEvents = count("processed_event");
        assertThat(processedEvents).isGreaterThanOrEqualTo(count("kpi_child")).isLessThan(produced.records() - 3);
        assertThat(count("kpi_outcome")).isEqualTo(20);

        // The malformed record is noted and did not hold up the records behind it on its partition.
        assertThat(jdbc.sql("SELECT topic, kafka_partition, kafka_offset, kind FROM rejected_message ORDER BY kind")
                .query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4))).list())
                .containsExactly(
                        List.of(Topics.CASE_EVENTS, produced.malformed().partition(), produced.malformed().offset(),
                                "MALFORMED"),
                        List.of(Topics.CASE_EVENTS, produced.unknownContract().partition(),
                                produced.unknownContract().offset(), "UNKNOWN_CONTRACT"));
        assertThat(produced.afterMalformed().partition()).isEqualTo(produced.malformed().partition());
        assertThat(produced.afterMalformed().offset()).isGreaterThan(produced.malformed().offset());
        assertThat(jdbc.sql("SELECT count(*) FROM kpi_outcome WHERE child_id = 'c09'").query(Integer.class).single())
                .isEqualTo(1);

        // Killed after the database commit but before the offset commit: everything comes again.
        double duplicatesBefore = counter("duplicate");
        MessageListenerContainer container = listeners.getListenerContainer(IntegrationEventListener.ID);
        container.stop();
        rewind.rewindToEarliest(TOPICS);
        container.start();
        awaitEverythingConsumed();
        assertThat(counter("duplicate") - duplicatesBefore).as("every well-formed record redelivered")
                .isEqualTo(produced.records() - 2);
        assertThat(count("processed_event")).isEqualTo(processedEvents);
        assertThat(count("kpi_outcome")).isEqualTo(20);
        assertFigures();

        // Rebuild from the first event.
        ResponseEntity<RebuildStatus> started = http.postForEntity("/kpi/rebuild", null, RebuildStatus.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().state()).isEqualTo(RebuildStatus.State.RUNNING);
        ResponseEntity<JsonNode> again = http.postForEntity("/kpi/rebuild", null, JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        RebuildStatus finished = await().atMost(PATIENCE)
                .until(() -> http.getForObject("/kpi/rebuild", RebuildStatus.class),
                        status -> status.state() != RebuildStatus.State.RUNNING);
        assertThat(finished.state()).isEqualTo(RebuildStatus.State.COMPLETED);
        assertThat(finished.recordsToReplay()).isEqualTo(produced.records());
        assertThat(finished.recordsReplayed()).isEqualTo(produced.records());
        assertThat(finished.finishedAt()).isAfterOrEqualTo(finished.startedAt());
        assertFigures();
        assertThat(count("processed_event")).isEqualTo(processedEvents);
        assertThat(count("rejected_message")).isEqualTo(2);

        // PostgreSQL refusing the writes: the batch is rolled back whole and retried, never skipped.
        jdbc.sql("ALTER TABLE kpi_outcome RENAME TO kpi_outcome_away").update();
        String refusedEventId;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Sender send = new Sender(producer);
            send.child("c13", CITY, BORN_2008);
            refusedEventId = codec.read(send.outcome("c13", "YOUTH_CAUTION", "2023-07-01", null).value()).eventId();
        }
        // Held at the refused poll (its offsets not committed), the outcome not derived.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> !everythingConsumed()
                        && jdbc.sql("SELECT count(*) FROM kpi_effective_outcome WHERE outcome_event_id = ?")
                        .param(refusedEventId).query(Integer.class).single() == 0);
        jdbc.sql("ALTER TABLE kpi_outcome_away RENAME TO kpi_outcome").update();
        awaitEverythingConsumed();
        assertThat(get("first-time-entrants", CITY, "2023-04-01", "2024-03-31").numerator()).isEqualTo(6);

        assertThat(http.getForObject("/actuator/prometheus", String.class)).contains("kpi_consumer_records_total");
    }

    @Test
    void badQueriesAreProblemsNamingTheField() {
        assertProblem("/kpi/first-time-entrants?service=atlantis&from=2023-04-01&to=2024-03-31", "service");
        assertProblem("/kpi/custody?service=leicester-city&from=2024-04-01&to=2024-03-31", "from");
        assertProblem("/kpi/custody?service=leicester-city&from=2023-04-01&to=2024-13-01", "to");
        assertProblem("/kpi/first-time-entrants?service=leicester-city&to=2024-03-31", "from");
        assertProblem("/kpi/first-time-entrants?from=2023-04-01&to=2024-03-31", "service");
        assertProblem("/kpi/first-time-entrants?service=leicester-city&period=FY2023-25", "period");
        assertProblem("/kpi/first-time-entrants?service=leicester-city&period=FY2023-24&from=2023-04-01", "period");
        assertProblem("/kpi/first-time-entrants?service=leicester-city&period=FY2023-24&ruleVersion=x", "ruleVersion");
        assertProblem("/kpi/first-time-entrants?service=leicester-city&period=FY2023-24&ruleVersion=7", "ruleVersion");
        assertProblem("/kpi/custody/breakdown?service=leicester-city&period=FY2023-24&by=religion", "by");
        assertThat(http.getForEntity("/kpi/reoffending?service=leicester-city&period=FY2023-24", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        HttpHeaders csv = new HttpHeaders();
        csv.setContentType(MediaType.parseMediaType("text/csv"));
        ResponseEntity<JsonNode> upload = http.postForEntity("/kpi/admin/population", new HttpEntity<>(
                "service,year,age,sex,ethnicity,count\nleicester-city,2030,10,FEMALE,WHITE,lots\n", csv), JsonNode.class);
        assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(upload.getBody().path("errors").path(0).path("field").asText()).isEqualTo("csv");
    }

    @Test
    void analystsEnterComparatorsAndThresholdsAndExportTheReturn() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestTokens.token("analyst1", "ANALYST"));
        String threshold = """
                {"measure":"custody","youthJusticeService":"leicestershire","comparator":"NATIONAL",
                 "lowerIsBetter":true,"amberBandPercent":%s}""";
        ResponseEntity<JsonNode> bad = http.exchange("/kpi/admin/rag-thresholds", HttpMethod.PUT,
                new HttpEntity<>(threshold.formatted("null"), headers), JsonNode.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().path("errors").path(0).path("field").asText()).isEqualTo("amberBandPercent");
        ResponseEntity<JsonNode> saved = http.exchange("/kpi/admin/rag-thresholds", HttpMethod.PUT,
                new HttpEntity<>(threshold.formatted("10"), headers), JsonNode.class);
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody().path("enteredBy").asText()).isEqualTo("analyst1");
        ResponseEntity<JsonNode> comparator = http.exchange("/kpi/admin/comparators", HttpMethod.PUT, new HttpEntity<>("""
                {"measure":"custody","youthJusticeService":"leicestershire","comparator":"NATIONAL",
                 "from":"2019-04-01","to":"2019-06-30","rate":0.04,"source":"YJB statistics"}""", headers), JsonNode.class);
        assertThat(comparator.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> unknownComparator = http.exchange("/kpi/admin/comparators", HttpMethod.PUT, new HttpEntity<>("""
                {"measure":"custody","youthJusticeService":"leicestershire","comparator":"GALACTIC",
                 "from":"2019-04-01","to":"2019-06-30","rate":0.04}""", headers), JsonNode.class);
        assertThat(unknownComparator.getBody().path("errors").path(0).path("field").asText()).isEqualTo("comparator");

        JsonNode rag = http.getForObject("/kpi/custody/rag?service=leicestershire&period=2019-20-Q1", JsonNode.class);
        assertThat(rag.path("rag").asText()).isEqualTo("GREEN");
        assertThat(rag.path("comparator").asText()).isEqualTo("NATIONAL");
        assertThat(http.getForObject("/kpi/comparators?service=leicestershire", JsonNode.class)).hasSize(1);

        ResponseEntity<String> csv = http.getForEntity("/kpi/export/quarterly-return?service=leicestershire&period=2019-20-Q1",
                String.class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("kpi-return-leicestershire-2019-20-Q1.csv");
        assertThat(csv.getBody()).startsWith("measure,rule_version,service,period")
                .contains("custody,1,leicestershire,2019-20-Q1,2019-04-01,2019-06-30,,all,ALL,0,71500,1000,0.00,,0,0.00,,"
                        + "0.00,RELATIVE_PERCENT,GREEN,NATIONAL,false,");
    }

    @Test
    void analystsRecordBoardMeetingsAndAdminsEnterReferenceFigures() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Authenticated-User", "analyst1");
        String meeting = """
                {"youthJusticeService":"leicestershire","heldOn":%s,"attended":[%s]}""";
        ResponseEntity<JsonNode> created = http.exchange("/kpi/admin/board-meetings", HttpMethod.POST,
                new HttpEntity<>(meeting.formatted("\"2024-05-01\"", "\"POLICE\",\"HEALTH\""), headers), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().path("expected")).hasSize(5);
        assertThat(created.getBody().path("enteredBy").asText()).isEqualTo("analyst1");
        for (var bad : Map.of(meeting.formatted("\"2024-05-02\"", "\"COUNCILLOR\""), "attended[0]",
                meeting.formatted("null", "\"POLICE\""), "heldOn").entrySet()) {
            ResponseEntity<JsonNode> refused = http.exchange("/kpi/admin/board-meetings", HttpMethod.POST,
                    new HttpEntity<>(bad.getKey(), headers), JsonNode.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getBody().path("errors").path(0).path("field").asText()).isEqualTo(bad.getValue());
        }
        assertThat(http.exchange("/kpi/admin/board-meetings", HttpMethod.POST, new HttpEntity<>(
                meeting.formatted("\"2024-05-01\"", ""), headers), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(http.getForObject("/kpi/admin/board-meetings?service=leicestershire", JsonNode.class)).hasSize(1);
        // 2 of the 5 statutory partners expected: 40.0%.
        JsonNode kpi8 = http.getForObject("/kpi/yjb-kpi-8-board-attendance?service=leicestershire&period=2024-25-Q1",
                JsonNode.class);
        assertThat(kpi8.path("numerator").asLong()).isEqualTo(2);
        assertThat(kpi8.path("denominator").asLong()).isEqualTo(5);
        assertThat(kpi8.path("rate").decimalValue()).isEqualByComparingTo("40.0");

        ResponseEntity<JsonNode> fte = http.exchange("/kpi/admin/reference-figures", HttpMethod.PUT, new HttpEntity<>("""
                {"kind":"PRACTITIONER_FTE","youthJusticeService":"leicestershire","validFrom":"2024-04-01",
                 "validTo":"2025-03-31","value":4.5}""", headers), JsonNode.class);
        assertThat(fte.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> badKind = http.exchange("/kpi/admin/reference-figures", HttpMethod.PUT,
                new HttpEntity<>("""
                        {"kind":"SOCIAL_WORKERS","youthJusticeService":"leicestershire","validFrom":"2024-04-01",
                         "validTo":"2025-03-31","value":4}""", headers), JsonNode.class);
        assertThat(badKind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badKind.getBody().path("errors").path(0).path("field").asText()).isEqualTo("kind");
        JsonNode caseload = http.getForObject("/kpi/caseload?service=leicestershire&period=2024-25-Q1", JsonNode.class);
        assertThat(caseload.path("denominator").asLong()).as("4.5 FTE in hundredths").isEqualTo(450);
        JsonNode partnership = http.getForObject("/kpi/custody?service=partnership&period=2019-20-Q1", JsonNode.class);
        assertThat(partnership.path("denominator").asLong()).as("40,909 + 71,500").isEqualTo(112_409);
    }

    @Test
    void documentsItsApiAndReportsItsHealth() {
        JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).path("paths");
        assertThat(paths.has("/kpi/{measure}")).isTrue();
        assertThat(paths.has("/kpi/{measure}/breakdown")).isTrue();
        assertThat(paths.has("/kpi/{measure}/children")).isTrue();
        assertThat(paths.has("/kpi/rules")).isTrue();
        assertThat(paths.has("/kpi/population")).isTrue();
        assertThat(paths.has("/kpi/admin/population")).isTrue();
        assertThat(paths.has("/kpi/rebuild")).isTrue();
        assertThat(paths.has("/kpi/{measure}/rag")).isTrue();
        assertThat(paths.has("/kpi/admin/comparators")).isTrue();
        assertThat(paths.has("/kpi/admin/rag-thresholds")).isTrue();
        assertThat(paths.has("/kpi/export/quarterly-return")).isTrue();
        assertThat(paths.has("/kpi/admin/board-meetings")).isTrue();
        assertThat(paths.has("/kpi/admin/reference-figures")).isTrue();
        assertThat(http.getForObject("/kpi/rules", JsonNode.class).findValuesAsText("measure"))
                .contains("custody", "first-time-entrants", "reoffending", "yjb-kpi-1-accommodation", "yjb-kpi-10-victims", "oocd-outcome-mix",
                        "panel-timeliness", "ete-statutory-orders");
        JsonNode listed = http.getForObject("/kpi/measures", JsonNode.class);
        assertThat(listed.findValuesAsText("name")).contains("first-time-entrants", "reoffending-binary",
                "reoffending-frequency", "reoffending-per-child", "yjb-kpi-4-mental-health-attending");
        assertThat(listed.findValuesAsText("rule")).contains("reoffending");
        // A proportion through HTTP: its own denominator, the basis naming it, and denominator units to drill into.
        JsonNode kpi1 = http.getForObject("/kpi/yjb-kpi-1-accommodation?service=leicester-city&period=FY2023-24",
                JsonNode.class);
        assertThat(kpi1.path("ruleVersion").asInt()).isEqualTo(2);
        assertThat(kpi1.path("ratePer").asInt()).isEqualTo(100);
        assertThat(kpi1.path("populationBasis").asText()).startsWith("orders ended in the period");
        assertThat(http.getForObject("/kpi/reoffending-binary/children?service=leicester-city&period=2022-23-Q1",
                JsonNode.class).has("denominatorUnits")).isTrue();
        assertThat(http.getForObject("/kpi/first-time-entrants/children?service=leicester-city&period=2022-23-Q1",
                JsonNode.class).has("denominatorUnits")).as("unchanged for a rate per population").isFalse();
        assertThat(http.getForObject("/actuator/health/readiness", JsonNode.class).path("status").asText())
                .isEqualTo("UP");
        assertThat(http.getForObject("/actuator/health/liveness", JsonNode.class).path("status").asText())
                .isEqualTo("UP");
    }

    // --- the events -------------------------------------------------------------------------------

    /** Where the interesting records landed, and how many records were produced in all. */
    private record Produced(int records, RecordMetadata malformed, RecordMetadata afterMalformed,
                            RecordMetadata unknownContract) {
    }

    private Produced produceTwoYearsOfLeicesterCity() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            Sender send = new Sender(producer);

            send.child("c01", CITY, BORN_2008);
            send.outcome("c01", "YOUTH_CAUTION", "2022-06-10", null);
            send.outcome("c01", "YOUTH_CAUTION", "2023-05-01", null);         // second caution

            send.child("c02", CITY, BORN_2008);
            send.outcome("c02", "COMMUNITY_RESOLUTION", "2022-05-01", null);  // not an entry
            send.outcome("c02", "YOUTH_CONDITIONAL_CAUTION", "2023-06-15", null);

            send.child("c03", CITY, BORN_2008);
            send.outcome("c03", "REFERRAL_ORDER", "2023-07-20", null);
            ProducerRecord<String, byte[]> sentence = send.outcome("c03", "DETENTION_AND_TRAINING_ORDER", "2023-11-02", null);
            send.record(sentence);                                              // published twice

            send.child("c04", CITY, BORN_2008);
            send.outcome("c04", "OUTCOME_22", "2023-08-01", null);
            send.outcome("c04", "OUTCOME_21", "2023-09-01", null);

            send.child("c05", CITY, BORN_2008);
            send.outcome("c05", "DETENTION_AND_TRAINING_ORDER", "2022-09-01", null);
            send.outcome("c05", "SECTION_250_DETENTION", "2023-10-10", null);

            send.child("c06", CITY, LocalDate.of(2005, 5, 1));
            send.outcome("c06", "YOUTH_CAUTION", "2023-06-01", null);          // aged 18

            send.child("c07", CITY, BORN_2008);
            send.outcome("c07", "FINE", "2024-04-15", null);                  // after both periods

            send.child("c08", CITY, BORN_2008);
            send.event(new OffenceRecorded("c08", "o-c08", LocalDate.of(2023, 8, 1), "THEFT", 2, true));
            send.outcome("c08", "YOUTH_REHABILITATION_ORDER", "2023-09-09", null);

            RecordMetadata malformed = send.record(new ProducerRecord<>(Topics.CASE_EVENTS, "c09",
                    "{\"eventId\": oops".getBytes(StandardCharsets.UTF_8)));
            send.child("c09", CITY, BORN_2008);
            ProducerRecord<String, byte[]> afterMalformed = send.outcome("c09", "YOUTH_CAUTION", "2023-12-01", null);

            send.child("c10", CITY, BORN_2008);
            send.outcome("c10", "NO_FURTHER_ACTION", "2022-10-01", null);
            send.event(new PanelDecisionRecorded("d-c10", "panel-1", "c10", "o-c10", "YOUTH_CAUTION",
                    LocalDate.of(2024, 1, 10)));                                // not counted itself
            send.outcome("c10", "YOUTH_CAUTION", "2024-01-12", "d-c10");

            send.child("c11", CITY, BORN_2008);
            send.outcome("c11", "CONDITIONAL_DISCHARGE", "2023-03-31", null);
            send.outcome("c11", "DETENTION_AND_TRAINING_ORDER", "2023-04-01", null);

            send.child("c12", CITY, BORN_2008);
            send.outcome("c12", "SECTION_259_DETENTION", "2022-12-12", null);
            IntegrationEvent newer = new IntegrationEvent(UUID.randomUUID().toString(), "ChildTransferred", 1, CITY,
                    "c12", Instant.now(), "worker", JsonNodeFactory.instance.objectNode()
                    .put("childId", "c12").put("toYouthJusticeService", COUNTY));
            RecordMetadata unknownContract = send.record(
                    new ProducerRecord<>(Topics.CASE_EVENTS, "c12", codec.write(newer)));

            send.child("x01", COUNTY, BORN_2008);
            send.outcome("x01", "YOUTH_CAUTION", "2023-06-01", null);

            return new Produced(send.count, malformed, send.metadataOf(afterMalformed), unknownContract);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private final class Sender {
        private final KafkaProducer<String, byte[]> producer;
        private final Map<ProducerRecord<String, byte[]>, RecordMetadata> sent = new IdentityHashMap<>();
        private final Map<String, String> serviceOfChild = new HashMap<>();
        private int count;

        Sender(KafkaProducer<String, byte[]> producer) {
            this.producer = producer;
        }

        void child(String childId, String service, LocalDate dateOfBirth) throws Exception {
            serviceOfChild.put(childId, service);
            event(new ChildRegistered(childId, service, dateOfBirth, "FEMALE", "MIXED_WHITE_AND_BLACK_CARIBBEAN",
                    service, null));
        }

        ProducerRecord<String, byte[]> outcome(String childId, String code, String date, String decisionId)
                throws Exception {
            return event(new OutcomeRecorded(childId, "o-" + childId, code, LocalDate.parse(date), decisionId));
        }

        ProducerRecord<String, byte[]> event(IntegrationPayload payload) throws Exception {
            IntegrationEvent event = codec.wrap(UUID.randomUUID().toString(), serviceOfChild.get(payload.childId()),
                    Instant.now(), "worker", payload);
            String topic = payload instanceof PanelDecisionRecorded ? Topics.PANEL_EVENTS : Topics.CASE_EVENTS;
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.childId(), codec.write(event));
            record(record);
            return record;
        }

        RecordMetadata record(ProducerRecord<String, byte[]> record) throws Exception {
            RecordMetadata metadata = producer.send(record).get();
            sent.put(record, metadata);
            count++;
            return metadata;
        }

        RecordMetadata metadataOf(ProducerRecord<String, byte[]> record) {
            return sent.get(record);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** The figures the events above add up to, computed by hand (10-17 population 40,909 both years). */
    private void assertFigures() {
        // c02 conditional caution, c03 referral order, c08 YRO, c09 caution, c10 caution after panel:
        // 5 / 40,909 * 100,000 = 12.2; a year before 4 (9.8): +25.0%, +2 per 100,000.
        assertThat(get("first-time-entrants", CITY, "2023-04-01", "2024-03-31"))
                .isEqualTo(figure("first-time-entrants", "2023-04-01", "2024-03-31", 5, 100_000, "12",
                        yearOnYear("2022-04-01", "2023-03-31", 4, "10", "25.0", "2")));
        // c01 caution, c05 DTO, c11 discharge on 31 March, c12 s259: 4 -> 9.8; nothing the year before.
        assertThat(get("first-time-entrants", CITY, "2022-04-01", "2023-03-31"))
                .isEqualTo(figure("first-time-entrants", "2022-04-01", "2023-03-31", 4, 100_000, "10",
                        yearOnYear("2021-04-01", "2022-03-31", 0, "0", null, "10")));
        // c03 DTO (published twice, counted once), c05 s250, c11 DTO on 1 April: 3 / 40,909 * 1,000 = 0.073
        assertThat(get("custody", CITY, "2023-04-01", "2024-03-31"))
                .isEqualTo(figure("custody", "2023-04-01", "2024-03-31", 3, 1_000, "0.07",
                        yearOnYear("2022-04-01", "2023-03-31", 2, "0.05", "50.0", "0.02")));
        // c05 DTO, c12 s259: 2 -> 0.049
        assertThat(get("custody", CITY, "2022-04-01", "2023-03-31"))
                .isEqualTo(figure("custody", "2022-04-01", "2023-03-31", 2, 1_000, "0.05",
                        yearOnYear("2021-04-01", "2022-03-31", 0, "0.00", null, "0.05")));
        // By name, the same figure.
        KpiFigure byName = http.getForObject("/kpi/custody?service={s}&period=FY2023-24", KpiFigure.class, CITY);
        assertThat(byName.period()).isEqualTo("FY2023-24");
        assertThat(byName.numerator()).isEqualTo(3);
        // The drill-down behind a numerator lists what it counted.
        JsonNode children = http.getForObject("/kpi/first-time-entrants/children?service={s}&period=FY2023-24",
                JsonNode.class, CITY);
        assertThat(children.path("counted").findValuesAsText("childId")).containsExactly("c02", "c03", "c08", "c09", "c10");
    }

    private static KpiFigure figure(String measure, String from, String to, long numerator, int per, String rate,
                                    YearOnYear yearOnYear) {
        LocalDate end = LocalDate.parse(to);
        return new KpiFigure(measure, 1, CITY, null, LocalDate.parse(from), end, null, numerator, 40_909, per,
                new BigDecimal(rate), "10-17 population 40909 (mid-" + (end.getYear() - 1) + " estimate)", false,
                yearOnYear);
    }

    private static YearOnYear yearOnYear(String from, String to, long numerator, String rate, String changePercent,
                                         String changeInRate) {
        return new YearOnYear(LocalDate.parse(from), LocalDate.parse(to), numerator, 40_909, new BigDecimal(rate),
                changePercent == null ? null : new BigDecimal(changePercent), new BigDecimal(changeInRate),
                YearOnYear.Convention.RELATIVE_PERCENT);
    }

    private KpiFigure get(String measure, String service, String from, String to) {
        ResponseEntity<KpiFigure> response = http.getForEntity("/kpi/{measure}?service={service}&from={from}&to={to}",
                KpiFigure.class, measure, service, from, to);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private void assertProblem(String url, String field) {
        ResponseEntity<JsonNode> response = http.getForEntity(url, JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().path("errors").path(0).path("field").asText()).as(url).isEqualTo(field);
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }

    private double counter(String result) {
        return meters.counter("kpi.consumer.records", "result", result).count();
    }

    /** Waits until the group has committed every partition up to its end: all records applied. */
    private void awaitEverythingConsumed() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(this::everythingConsumed);
    }

    private boolean everythingConsumed() throws Exception {
        Set<TopicPartition> partitions = admin.describeTopics(TOPICS).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return (c == null ? 0 : c.offset()) >= e.getValue();
        });
    }
}
