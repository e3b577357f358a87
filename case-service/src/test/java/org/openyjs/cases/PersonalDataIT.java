package org.openyjs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openyjs.events.Topics;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal details are held only encrypted with the child's own key; erasure destroys the key so
 * they cannot be read from the event store any more, while the pseudonymous case stays; every
 * access to the child's record is in the append-only audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataIT {

    private static final String FAMILY_NAME = "Featherstonehaugh";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "case_personal");
        // The audit trail is read by the admin; the practitioner's calls go through call(...).
        TestTokens.defaultCaller(registry, "dpo", "ADMIN");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String body, String user) {
        // Erasing a child's personal data is for the admin (the data protection officer), not a practitioner.
        return call(method, path, body, user, path.endsWith("/erasure") ? "ADMIN" : "PRACTITIONER");
    }

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String body, String user, String role) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TestTokens.token(user, role));
        headers.set("X-Access-Reason", "Preparing the panel report");
        return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    @Test
    void personal_details_are_encrypted_readable_until_erased_and_every_access_is_audited() {
        String child = "pd-" + UUID.randomUUID();
        assertThat(call(HttpMethod.POST, "/cases", """
                {"childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"2009-04-04","sex":"MALE",
                 "ethnicity":"BLACK_CARIBBEAN","localAuthority":"Leicester"}""".formatted(child), "sam")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(call(HttpMethod.POST, "/cases/" + child + "/personal-details", """
                {"givenName":"Tom","familyName":"%s","address":{"line1":"1 High Street","town":"Leicester",
                 "postcode":"LE1 1AA"},"phone":"0116 000 0000"}""".formatted(FAMILY_NAME), "sam")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<JsonNode> details = call(HttpMethod.GET, "/cases/" + child + "/personal-details", null, "sam");
        assertThat(details.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(details.getBody().get("familyName").asText()).isEqualTo(FAMILY_NAME);

        // Nowhere in clear: not in the event store, not in the timeline, not on Kafka.
        List<byte[]> stored = jdbc.sql("SELECT payload FROM domainevententry WHERE aggregateidentifier = :child")
                .param("child", child).query(byte[].class).list();
        assertThat(stored).hasSize(2);
        assertThat(stored).noneMatch(p -> new String(p, StandardCharsets.UTF_8).contains(FAMILY_NAME));
        assertThat(call(HttpMethod.GET, "/cases/" + child, null, "sam").getBody().toString()).doesNotContain(FAMILY_NAME);
        assertThat(KafkaTopics.recordsFor(TestInfrastructure.kafkaBootstrapServers(), Topics.CASE_EVENTS, child, 1,
                Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .hasSize(1)
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(FAMILY_NAME));

        ResponseEntity<JsonNode> erased = call(HttpMethod.POST, "/cases/" + child + "/erasure",
                "{\"reason\":\"Subject's request\"}", "dpo");
        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/cases/" + child + "/personal-details", null, "sam").getStatusCode())
                .isEqualTo(HttpStatus.GONE);
        assertThat(jdbc.sql("SELECT count(*) FROM child_key WHERE child_id = :child AND aes_key IS NOT NULL")
                .param("child", child).query(Long.class).single()).isZero();
        assertThat(call(HttpMethod.POST, "/cases/" + child + "/personal-details", """
                {"givenName":"Tom","familyName":"Again"}""", "sam").getStatusCode()).isEqualTo(HttpStatus.GONE);
        // The pseudonymous case stays, for the statistics.
        assertThat(call(HttpMethod.GET, "/cases/" + child, null, "sam").getBody().get("sex").asText()).isEqualTo("MALE");

        JsonNode trail = http.getForObject("/audit/case-access?childId=" + child, JsonNode.class);
        assertThat(trail.findValuesAsText("action")).contains(
                "GET /cases/{childId}/personal-details 200", "GET /cases/{childId}/personal-details 410",
                "POST /cases/{childId}/erasure 200", "POST /cases/{childId}/personal-details 201");
        assertThat(trail.findValuesAsText("user")).contains("sam", "dpo");
        assertThat(trail.findValuesAsText("reason")).contains("Preparing the panel report");
        assertThat(http.getForObject("/audit/case-access?user=dpo", JsonNode.class).findValuesAsText("childId"))
                .contains(child);
        assertThat(http.getForEntity("/audit/case-access", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void the_audit_trail_cannot_be_rewritten() {
        jdbc.sql("INSERT INTO case_access_audit (user_name, child_id, action) VALUES ('x', 'c', 'GET')").update();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                jdbc.sql("DELETE FROM case_access_audit WHERE user_name = 'x'").update())
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                jdbc.sql("UPDATE case_access_audit SET user_name = 'y' WHERE user_name = 'x'").update())
                .hasMessageContaining("append-only");
    }
}
