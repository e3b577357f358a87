package org.openyjs.panel;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** panel-service on real PostgreSQL and Kafka: a decision is recorded and published without its rationale. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PanelServiceIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "panel_it");
    }

    @Autowired
    TestRestTemplate http;

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Authenticated-User", "chair");
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    @Test
    void a_decision_is_published_for_the_child_s_case_without_the_rationale() {
        String panel = "panel-" + UUID.randomUUID();
        String child = "child-" + UUID.randomUUID();
        assertThat(post("/panels", """
                {"panelId":"%s","meetingDate":"2024-01-10"}""".formatted(panel)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/panels/" + panel + "/cases", """
                {"childId":"%s","offenceId":"o1","youthJusticeService":"leicestershire"}""".formatted(child))
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> decided = post("/panels/" + panel + "/decisions", """
                {"childId":"%s","offenceId":"o1","outcomeCode":"OUTCOME_22","rationale":"Jane Doe's first offence"}"""
                .formatted(child));
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String decisionId = decided.getBody().get("decisionId").asText();

        ConsumerRecord<String, byte[]> record = firstRecordFor(child);
        assertThat(record.key()).isEqualTo(child);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("Jane Doe").doesNotContain("rationale");
        IntegrationEvent event = codec.read(record.value());
        assertThat(event.eventType()).isEqualTo("PanelDecisionRecorded");
        assertThat(event.youthJusticeService()).isEqualTo("leicestershire");
        assertThat(event.recordedBy()).isEqualTo("chair");
        assertThat(event.payload().get("decisionId").asText()).isEqualTo(decisionId);
        assertThat(event.payload().get("decisionDate").asText()).isEqualTo("2024-01-10");

        JsonNode view = http.getForObject("/panels/" + panel, JsonNode.class);
        assertThat(view.get("decisions").get(0).get("rationale").asText()).isEqualTo("Jane Doe's first offence");
    }

    @Test
    void bad_input_is_refused_with_a_problem_naming_the_field() {
        ResponseEntity<JsonNode> noDate = post("/panels", "{}");
        assertThat(noDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noDate.getBody().get("errors").findValuesAsText("field")).containsExactly("meetingDate");

        String panel = "panel-" + UUID.randomUUID();
        post("/panels", """
                {"panelId":"%s","meetingDate":"2024-01-10"}""".formatted(panel));
        ResponseEntity<JsonNode> notListed = post("/panels/" + panel + "/decisions", """
                {"childId":"someone","offenceId":"o1","outcomeCode":"OUTCOME_22","rationale":"r"}""");
        assertThat(notListed.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(notListed.getBody().get("errors").findValuesAsText("field")).containsExactly("offenceId");
        assertThat(http.getForEntity("/panels/no-such-panel", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ConsumerRecord<String, byte[]> firstRecordFor(String child) {
        List<ConsumerRecord<String, byte[]>> found = KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(),
                Topics.PANEL_EVENTS, child, 1, Duration.ZERO, Duration.ofSeconds(30));
        assertThat(found).as("a decision record for %s on %s", child, Topics.PANEL_EVENTS).hasSize(1);
        return found.get(0);
    }
}
