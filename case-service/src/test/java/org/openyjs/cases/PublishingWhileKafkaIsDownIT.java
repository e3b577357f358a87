package org.openyjs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openyjs.events.IntegrationEventCodec;
import org.openyjs.events.Topics;
import org.openyjs.testsupport.KafkaTopics;
import org.openyjs.testsupport.LateBootstrap;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A practitioner's command succeeds while Kafka is down, and its integration events follow once
 * Kafka is back: the publisher reads from the event store, so nothing acknowledged is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublishingWhileKafkaIsDownIT {

    private static final LateBootstrap KAFKA = new LateBootstrap(TestInfrastructure.kafkaBootstrapServers());

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerDatabase(registry, "case_kafka_down");
        // Nothing listens here until the test opens it.
        TestInfrastructure.registerKafka(registry, "case_kafka_down", KAFKA::address);
        TestTokens.register(registry);
    }

    // The bootstrap stays open until the JVM exits: Spring closes this cached context only then, and its
    // Kafka producer would otherwise wait out its close timeout against a closed address.

    @Autowired
    TestRestTemplate http;

    @Test
    void commands_succeed_while_kafka_is_down_and_their_events_follow_when_it_is_back() throws Exception {
        String child = "down-" + UUID.randomUUID();
        assertThat(post("/cases", """
                {"childId":"%s","youthJusticeService":"leicestershire","dateOfBirth":"2009-09-09","sex":"MALE",
                 "ethnicity":"WHITE_BRITISH","localAuthority":"Leicestershire"}""".formatted(child)))
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/cases/" + child + "/offences", """
                {"offenceId":"o1","offenceDate":"2024-02-01","offenceCategory":"ROBBERY","gravityScore":4,"admitted":true,
                 "outcome":{"code":"REFERRAL_ORDER","date":"2024-03-15"}}""")).isEqualTo(HttpStatus.CREATED);

        Thread.sleep(6_000); // long enough for the publisher to have failed at least once
        KAFKA.open();

        IntegrationEventCodec codec = new IntegrationEventCodec();
        List<String> types = KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(), Topics.CASE_EVENTS,
                        child, 3, Duration.ofSeconds(2), Duration.ofSeconds(90)).stream()
                .map(r -> codec.read(r.value()).eventType()).toList();
        assertThat(types).containsExactly("ChildRegistered", "OffenceRecorded", "OutcomeRecorded");
    }

    private HttpStatus post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestTokens.token("pat.practitioner", "PRACTITIONER"));
        return HttpStatus.valueOf(http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class)
                .getStatusCode().value());
    }
}
