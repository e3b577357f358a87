package org.openyjs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openyjs.events.ContractSchemas.JSON;

/** The generator and the checker on what no contract uses yet (enums, lists), and on what they refuse. */
class SchemaCheckerTest {

    enum Kind { PREVENTION, CUSTODY }

    record Part(int hours, Boolean suitable) {
    }

    record Sample(String childId, Kind kind, List<LocalDate> dates, Part part, long count, Double share,
                  Instant at) implements IntegrationPayload {
    }

    record Unsupported(String childId, LocalDateTime local) implements IntegrationPayload {
    }

    record WithMap(String childId, Map<String, String> codes) implements IntegrationPayload {
    }

    private final JsonNode schema = ContractSchemas.derive(new EventTypes.EventType("Sample", 3, Sample.class, "t"));

    @Test
    void a_record_is_described_as_jackson_writes_it() throws IOException {
        assertThat(schema.get("x-version").asInt()).isEqualTo(3);
        assertThat(schema.get("$id").asText()).isEqualTo("https://openyjs.org/contracts/Sample.v3.schema.json");
        assertThat(schema.get("required")).hasSize(7);
        JsonNode properties = schema.get("properties");
        assertThat(properties.get("kind")).isEqualTo(JSON.readTree(
                "{\"type\":[\"string\",\"null\"],\"enum\":[\"PREVENTION\",\"CUSTODY\",null]}"));
        assertThat(properties.get("dates")).isEqualTo(JSON.readTree(
                "{\"type\":[\"array\",\"null\"],\"items\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"}}"));
        assertThat(properties.at("/part/properties/hours/type").asText()).isEqualTo("integer");
        assertThat(properties.get("count").get("type").asText()).isEqualTo("integer");
        assertThat(properties.get("share").get("type")).isEqualTo(JSON.readTree("[\"number\",\"null\"]"));
        assertThat(properties.get("at").get("format").asText()).isEqualTo("date-time");

        JsonNode written = new IntegrationEventCodec().toTree(new Sample("c1", Kind.CUSTODY,
                List.of(LocalDate.of(2024, 1, 31)), new Part(3, null), 7L, 0.5, Instant.parse("2024-01-31T10:15:00Z")));
        assertThat(SchemaChecker.check(schema, written)).isEmpty();
    }

    @Test
    void the_checker_refuses_a_value_outside_an_enum_a_wrong_list_item_and_a_fractional_integer() throws IOException {
        ObjectNode valid = (ObjectNode) SchemaChecker.example(schema, true);
        assertThat(SchemaChecker.check(schema, valid)).isEmpty();
        assertThat(SchemaChecker.check(schema, SchemaChecker.example(schema, false))).isEmpty();

        assertThat(SchemaChecker.check(schema, valid.deepCopy().put("kind", "ADULT")))
                .containsExactly("$.kind: \"ADULT\" is not one of [\"PREVENTION\",\"CUSTODY\",null]");
        ObjectNode badItem = valid.deepCopy();
        badItem.set("dates", JSON.readTree("[\"2024-01-31\", \"31/01/2024\"]"));
        assertThat(SchemaChecker.check(schema, badItem)).containsExactly("$.dates[1]: \"31/01/2024\" is not a date");
        assertThat(SchemaChecker.check(schema, valid.deepCopy().put("count", 1.5)))
                .anyMatch(error -> error.startsWith("$.count:"));
        assertThat(SchemaChecker.check(schema, valid.deepCopy().put("count", 2.0))).isEmpty();
        assertThat(SchemaChecker.check(schema, valid.deepCopy().putNull("count")))
                .anyMatch(error -> error.startsWith("$.count:"));
        assertThat(SchemaChecker.check(schema, valid.deepCopy().put("at", "2024-01-31T10:15:00")))
                .as("an instant needs its offset").anyMatch(error -> error.startsWith("$.at:"));
    }

    @Test
    void the_checker_refuses_a_schema_keyword_it_does_not_know_rather_than_pass_it() throws IOException {
        JsonNode withPattern = JSON.readTree("{\"type\":\"string\",\"pattern\":\"^[a-z]+$\"}");
        assertThatThrownBy(() -> SchemaChecker.check(withPattern, JSON.readTree("\"ABC\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pattern");
    }

    @Test
    void the_generator_refuses_a_type_it_has_no_mapping_for_naming_the_field() {
        assertThatThrownBy(() -> ContractSchemas.derive(new EventTypes.EventType("U", 1, Unsupported.class, "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U.local");
        assertThatThrownBy(() -> ContractSchemas.derive(new EventTypes.EventType("M", 1, WithMap.class, "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("M.codes");
    }
}
