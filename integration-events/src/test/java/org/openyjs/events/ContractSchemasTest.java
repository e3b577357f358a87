package org.openyjs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openyjs.events.EventTypes.EventType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.openyjs.events.ContractSchemas.DIRECTORY;
import static org.openyjs.events.ContractSchemas.ENVELOPE_FILE;
import static org.openyjs.events.ContractSchemas.JSON;
import static org.openyjs.events.ContractSchemas.fileName;
import static org.openyjs.events.ContractSchemas.read;
import static org.openyjs.events.ContractSchemas.render;
import static org.openyjs.events.ContractSchemas.withDescriptions;

/**
 * The contract tests: one case per contract in {@link EventTypes}, and one per committed schema file.
 *
 * <p>With {@code -Dcontracts.write=true} it first writes the schema file of every current version that has none
 * (its prose taken from the contract's previous version, if any) and the contract reference in
 * {@code docs/integration-events.md}; it never rewrites an existing schema file, since that file is the contract.
 */
class ContractSchemasTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @BeforeAll
    static void writeMissingFilesWhenAsked() {
        if (Boolean.getBoolean("contracts.write")) {
            ContractDocs.writeMissingSchemasAndDocs();
        }
    }

    static Stream<Named<EventType>> contracts() {
        return EventTypes.ALL.stream().map(type -> Named.of(type.name() + " v" + type.version(), type));
    }

    /** Every committed contract schema file, old versions included (not the envelope's). */
    static Stream<Named<Path>> contractFiles() {
        return ContractDocs.schemaFiles().stream()
                .filter(file -> !file.getFileName().toString().equals(ENVELOPE_FILE))
                .map(file -> Named.of(file.getFileName().toString(), file));
    }

    static Stream<Named<Path>> allSchemaFiles() {
        return ContractDocs.schemaFiles().stream().map(file -> Named.of(file.getFileName().toString(), file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void the_committed_schema_of_the_current_version_is_what_its_payload_record_derives(EventType type) {
        Path file = DIRECTORY.resolve(fileName(type.name(), type.version()));
        assertThat(file).as("%s v%d has no schema file %s: write it with -Dcontracts.write=true (docs/integration-events.md)",
                type.name(), type.version(), file).exists();
        JsonNode committed = read(file);
        ObjectNode derived = withDescriptions(ContractSchemas.derive(type), committed);
        assertThat(committed)
                .withFailMessage("%s v%d: a payload changed: add version %d to EventTypes, an Upcasters step and its"
                                + " schema file (only while v%d has never been published, delete %s and write it"
                                + " again)%ncommitted:%n%sderived from %s:%n%s",
                        type.name(), type.version(), type.version() + 1, type.version(), file, render(committed),
                        type.payloadClass().getName(), render(derived))
                .isEqualTo(derived);
    }

    @Test
    void the_committed_envelope_schema_is_what_the_envelope_record_derives() {
        JsonNode committed = read(DIRECTORY.resolve(ENVELOPE_FILE));
        ObjectNode derived = withDescriptions(ContractSchemas.deriveEnvelope(), committed);
        assertThat(committed)
                .withFailMessage("the envelope changed: every consumer reads it, so change it only with all of them"
                        + "%ncommitted:%n%sderived:%n%s", render(committed), render(derived))
                .isEqualTo(derived);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void a_representative_message_as_the_codec_writes_it_matches_the_envelope_and_payload_schemas(EventType type) {
        JsonNode wire = onTheWire(type);

        assertThat(SchemaChecker.check(envelopeSchema(), wire)).as("%s: its envelope", type.name()).isEmpty();
        assertThat(SchemaChecker.check(currentSchema(type), wire.get("payload"))).as("%s: its payload", type.name())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void a_payload_with_any_field_of_the_wrong_type_or_format_does_not_match(EventType type) {
        JsonNode schema = currentSchema(type);
        ObjectNode payload = (ObjectNode) onTheWire(type).get("payload");
        List<String> fields = fieldsOf(payload, "$");
        assertThat(fields).isNotEmpty();

        for (String field : fields) {
            JsonNode value = at(payload, field);
            ObjectNode wrongType = payload.deepCopy();
            put(wrongType, field, value.isBoolean() ? JsonNodeFactory.instance.textNode("yes")
                    : JsonNodeFactory.instance.booleanNode(true));
            assertThat(SchemaChecker.check(schema, wrongType)).as("%s with a wrong-typed %s", type.name(), field)
                    .anyMatch(error -> error.startsWith(field + ":"));

            String format = at(schema, field.replace(".", ".properties.")).path("format").asText();
            if (!format.isEmpty()) {
                ObjectNode notADate = payload.deepCopy();
                put(notADate, field, JsonNodeFactory.instance.textNode(
                        format.equals("date") ? "2023-02-30" : "2023-05-02T25:00:00Z"));
                assertThat(SchemaChecker.check(schema, notADate)).as("%s with a %s that is not a %s", type.name(),
                        field, format).anyMatch(error -> error.startsWith(field + ":"));
            }
        }
        ObjectNode missing = payload.deepCopy();
        missing.remove("childId");
        assertThat(SchemaChecker.check(schema, missing)).contains("$: required property childId is missing");
        ObjectNode extra = payload.deepCopy().put("surplus", "x");
        assertThat(SchemaChecker.check(schema, extra)).contains("$: property surplus is not in the contract");
    }

    @Test
    void an_envelope_with_a_wrong_typed_or_missing_field_does_not_match() {
        ObjectNode wire = (ObjectNode) onTheWire(EventTypes.ALL.get(0));
        assertThat(SchemaChecker.check(envelopeSchema(), wire.deepCopy().put("schemaVersion", "1")))
                .anyMatch(error -> error.startsWith("$.schemaVersion:"));
        assertThat(SchemaChecker.check(envelopeSchema(), wire.deepCopy().put("recordedAt", "yesterday")))
                .anyMatch(error -> error.startsWith("$.recordedAt:"));
        assertThat(SchemaChecker.check(envelopeSchema(), wire.deepCopy().putNull("eventId")))
                .anyMatch(error -> error.startsWith("$.eventId:"));
        ObjectNode noPayload = wire.deepCopy();
        noPayload.remove("payload");
        assertThat(SchemaChecker.check(envelopeSchema(), noPayload)).contains("$: required property payload is missing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractFiles")
    void every_schema_file_is_a_current_version_or_one_the_upcasters_raise_to_the_current(Path file) {
        Map.Entry<String, Integer> parsed = ContractSchemas.parseFileName(file.getFileName().toString())
                .orElseGet(() -> fail("%s is not named <EventName>.v<N>.schema.json", file));
        String name = parsed.getKey();
        int version = parsed.getValue();
        EventType current = EventTypes.current(name)
                .orElseGet(() -> fail("%s: EventTypes has no contract %s", file, name));
        JsonNode schema = read(file);
        assertThat(schema.path("$id").asText()).isEqualTo(ContractSchemas.BASE_ID + file.getFileName());
        assertThat(schema.path("title").asText()).isEqualTo(name);
        assertThat(schema.path("x-version").asInt()).isEqualTo(version);
        assertThat(schema.path("x-topic").asText()).isEqualTo(current.topic());
        assertThat(version).as("%s: EventTypes says %s is at v%d", file, name, current.version())
                .isLessThanOrEqualTo(current.version());
        if (version == current.version()) {
            return; // its structure is checked against the payload record above
        }
        for (boolean fullest : new boolean[] {true, false}) {
            JsonNode old = SchemaChecker.example(schema, fullest);
            assertThat(SchemaChecker.check(schema, old)).as("an example of %s v%d", name, version).isEmpty();

            Optional<JsonNode> raised = Upcasters.upcast(name, version, current.version(), old);
            assertThat(raised).as("an Upcasters path from %s v%d to v%d", name, version, current.version()).isPresent();
            assertThat(SchemaChecker.check(currentSchema(current), raised.get()))
                    .as("%s v%d upcast to v%d", name, version, current.version()).isEmpty();
            IntegrationEvent message = new IntegrationEvent("e1", name, version, "leicester-city",
                    old.path("childId").asText(null), Instant.parse("2024-01-31T10:15:00Z"), "pat", old);
            assertThat(codec.payload(codec.read(codec.write(message)))).as("%s v%d read by the codec", name, version)
                    .containsInstanceOf(current.payloadClass());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSchemaFiles")
    void no_property_at_any_depth_is_named_for_personal_data(Path file) {
        List<String> names = new ArrayList<>();
        propertyNames(read(file), "$", names);
        assertThat(names).as("%s: its properties", file.getFileName()).isNotEmpty()
                .noneMatch(path -> PersonalDataFields.isPersonal(path.substring(path.lastIndexOf('.') + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSchemaFiles")
    void every_schema_says_what_it_means(Path file) {
        String description = read(file).path("description").asText("");
        assertThat(description).as("%s: its description (written by hand, kept when the file is written)", file)
                .isNotBlank().doesNotStartWith(ContractSchemas.TODO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("docsParts")
    void the_generated_parts_of_the_docs_are_what_the_schema_files_say(String part) {
        assertThat(ContractDocs.committed(part))
                .as("the %s part of %s: write it with -Dcontracts.write=true", part, ContractDocs.DOCS)
                .isEqualTo(ContractDocs.generated(part));
    }

    static Stream<String> docsParts() {
        return ContractDocs.PARTS.stream();
    }

    private JsonNode onTheWire(EventType type) {
        IntegrationPayload payload = IntegrationEventCodecTest.oneOfEachContract().stream()
                .filter(p -> p.getClass().equals(type.payloadClass())).findFirst()
                .orElseGet(() -> fail("IntegrationEventCodecTest.oneOfEachContract() has no %s", type.name()));
        IntegrationEvent event = codec.wrap("e1", "leicester-city", Instant.parse("2024-01-10T10:00:00Z"), "pat",
                payload);
        try {
            return JSON.readTree(codec.write(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode currentSchema(EventType type) {
        return read(DIRECTORY.resolve(fileName(type.name(), type.version())));
    }

    private static JsonNode envelopeSchema() {
        return read(DIRECTORY.resolve(ENVELOPE_FILE));
    }

    /** {@code $.a}, {@code $.b}, {@code $.b.c}: every field, nested ones too. */
    private static List<String> fieldsOf(JsonNode object, String at) {
        List<String> fields = new ArrayList<>();
        object.fields().forEachRemaining(field -> {
            fields.add(at + "." + field.getKey());
            if (field.getValue().isObject()) {
                fields.addAll(fieldsOf(field.getValue(), at + "." + field.getKey()));
            }
        });
        return fields;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.substring(2).split("\\.")) {
            node = node.path(step);
        }
        return node;
    }

    private static void put(ObjectNode root, String path, JsonNode value) {
        String parent = path.substring(0, path.lastIndexOf('.'));
        JsonNode owner = parent.equals("$") ? root : at(root, parent);
        ((ObjectNode) owner).set(path.substring(path.lastIndexOf('.') + 1), value);
    }

    private static void propertyNames(JsonNode schema, String at, List<String> names) {
        schema.path("properties").fields().forEachRemaining(property -> {
            names.add(at + "." + property.getKey());
            propertyNames(property.getValue(), at + "." + property.getKey(), names);
        });
        if (schema.has("items")) {
            propertyNames(schema.get("items"), at + "[]", names);
        }
    }
}
