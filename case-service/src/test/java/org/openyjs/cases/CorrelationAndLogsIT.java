package org.openyjs.cases;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openyjs.events.Topics;
import org.openyjs.testsupport.KafkaTopics;
import org.openyjs.testsupport.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request can be followed through the service: its correlation id is on every log line it causes,
 * in the metadata of the events it records and on the Kafka messages they become. And the logs, even
 * at debug level, never hold a child's personal details.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.openyjs=DEBUG",
        "logging.level.web=DEBUG",
        // The test's own HTTP client logs what it sends; that is this test, not the service.
        "logging.level.org.springframework.web.client=INFO",
        "logging.structured.format.console=ecs"})
class CorrelationAndLogsIT {

    private static final String FAMILY_NAME = "Wolstenholme";
    private static final String POSTCODE = "LE9 9ZZ";
    private static final String PHONE = "07700 900123";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "case_correlation");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    private ResponseEntity<String> call(HttpMethod method, String path, String body, String correlationId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Authenticated-User", "pat");
        headers.set("X-Authenticated-Roles", "PRACTITIONER");
        headers.set("X-Correlation-Id", correlationId);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void a_requests_correlation_id_reaches_the_logs_the_event_metadata_and_the_kafka_headers(CapturedOutput output) {
        String child = "corr-" + UUID.randomUUID();
        String correlationId = "corr-it-" + UUID.randomUUID();

        ResponseEntity<String> registered = call(HttpMethod.POST, "/cases", """
                {"childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2009-04-04","sex":"FEMALE",
                 "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester"}""".formatted(child), correlationId);

        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(registered.getHeaders().getFirst("X-Correlation-Id")).isEqualTo(correlationId);
        String metadata = jdbc.sql("SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE aggregateidentifier = :child")
                .param("child", child).query(String.class).single();
        assertThat(metadata).contains("\"requestCorrelationId\":\"" + correlationId + "\"");

        List<ConsumerRecord<String, byte[]>> published = KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(),
                Topics.CASE_EVENTS, child, 1, Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        Header header = published.get(0).headers().lastHeader("correlationId");
        assertThat(header).isNotNull();
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(correlationId);

        assertThat(output.getOut().lines().filter(line -> line.contains(correlationId)))
                .as("JSON log lines written while serving the request carry its correlation id")
                .isNotEmpty()
                .allMatch(line -> line.startsWith("{") && line.contains("\"correlationId\":\"" + correlationId + "\""));
    }

    @Test
    void personal_details_never_reach_the_logs(CapturedOutput output) {
        String child = "pii-" + UUID.randomUUID();
        String correlationId = "pii-it-" + UUID.randomUUID();
        call(HttpMethod.POST, "/cases", """
                {"childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2010-01-02","sex":"MALE",
                 "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester"}""".formatted(child), correlationId);

        assertThat(call(HttpMethod.POST, "/cases/" + child + "/personal-details", """
                {"givenName":"Harriet","familyName":"%s","address":{"line1":"2 Low Street","town":"Hinckley",
                 "postcode":"%s"},"phone":"%s"}""".formatted(FAMILY_NAME, POSTCODE, PHONE), correlationId)
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(call(HttpMethod.GET, "/cases/" + child + "/personal-details", null, correlationId).getBody())
                .contains(FAMILY_NAME);
        // A refused write echoes nothing it was sent either.
        assertThat(call(HttpMethod.POST, "/cases/" + child + "/personal-details", """
                {"givenName":"Harriet","familyName":"%s","phone":12}""".formatted(FAMILY_NAME + "x".repeat(5000)),
                correlationId).getStatusCode().is4xxClientError()).isTrue();

        assertThat(output.getOut()).as("the requests were logged").contains(correlationId);
        assertThat(output.getAll()).doesNotContain(FAMILY_NAME).doesNotContain(POSTCODE).doesNotContain(PHONE)
                .doesNotContain("Harriet");
    }
}
