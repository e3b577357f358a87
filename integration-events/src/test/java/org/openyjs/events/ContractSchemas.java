package org.openyjs.events;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the JSON Schema (draft 2020-12) of a contract from its payload record, as {@link IntegrationEventCodec}
 * writes it: every component is written (nulls too), a primitive is never null and any other component may be,
 * {@code LocalDate} is an ISO date and {@code Instant} an ISO instant, a nested record is a nested object.
 *
 * <p>It lives in the test sources: it is a build-time tool that the services never need, and the module's main code
 * stays Jackson only. The schema files it writes are main resources, so they ship in the module's jar.
 *
 * <p>The structure is derived; the prose ({@code description}) is written by hand in the committed files and kept
 * when a file is written again ({@link #withDescriptions}), so a comparison covers everything but the prose.
 */
final class ContractSchemas {

    /** The committed schema files, relative to the module (Maven runs tests there). */
    static final Path DIRECTORY = Path.of("src/main/resources/contracts");
    static final String BASE_ID = "https://openyjs.org/contracts/";
    static final String ENVELOPE_NAME = "IntegrationEvent";
    static final String ENVELOPE_FILE = ENVELOPE_NAME + ".schema.json";
    static final Pattern CONTRACT_FILE = Pattern.compile("([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]*)\\.schema\\.json");
    static final String TODO = "TODO";

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Class<?>, String> SIMPLE_TYPES = Map.ofEntries(
            Map.entry(String.class, "string"),
            Map.entry(boolean.class, "boolean"), Map.entry(Boolean.class, "boolean"),
            Map.entry(int.class, "integer"), Map.entry(Integer.class, "integer"),
            Map.entry(long.class, "integer"), Map.entry(Long.class, "integer"),
            Map.entry(short.class, "integer"), Map.entry(Short.class, "integer"),
            Map.entry(BigInteger.class, "integer"),
            Map.entry(double.class, "number"), Map.entry(Double.class, "number"),
            Map.entry(float.class, "number"), Map.entry(Float.class, "number"),
            Map.entry(BigDecimal.class, "number"));

    private static final Map<Class<?>, String> FORMATTED_STRINGS = Map.of(
            LocalDate.class, "date",
            Instant.class, "date-time",
            OffsetDateTime.class, "date-time");

    private ContractSchemas() {
    }

    static String fileName(String eventType, int version) {
        return eventType + ".v" + version + ".schema.json";
    }

    /** Name and version of a contract schema file, or empty for any other file name. */
    static Optional<Map.Entry<String, Integer>> parseFileName(String fileName) {
        Matcher m = CONTRACT_FILE.matcher(fileName);
        return m.matches() ? Optional.of(Map.entry(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    /** The schema of a contract's current version, without prose. */
    static ObjectNode derive(EventTypes.EventType type) {
        ObjectNode schema = header(fileName(type.name(), type.version()), type.name());
        schema.put("x-topic", type.topic());
        schema.put("x-version", type.version());
        objectBody(schema, type.payloadClass(), Set.of(), false, type.name());
        return schema;
    }

    /** The envelope's schema, without prose. Its payload is any object: the contract's own schema says more. */
    static ObjectNode deriveEnvelope() {
        ObjectNode schema = header(ENVELOPE_FILE, ENVELOPE_NAME);
        // The envelope's constructor refuses a null id, type or payload.
        objectBody(schema, IntegrationEvent.class, Set.of("eventId", "eventType", "payload"), false, ENVELOPE_NAME);
        return schema;
    }

    private static ObjectNode header(String fileName, String title) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", BASE_ID + fileName);
        schema.put("title", title);
        return schema;
    }

    private static void objectBody(ObjectNode schema, Class<?> recordClass, Set<String> neverNull, boolean nullable,
                                   String where) {
        if (!recordClass.isRecord()) {
            throw new IllegalArgumentException(where + ": " + recordClass.getName() + " is not a record");
        }
        putType(schema, "object", nullable);
        schema.put("additionalProperties", false);
        // The codec writes every component, a null one as null, so every property is always present.
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = JSON.createObjectNode();
        for (RecordComponent component : recordClass.getRecordComponents()) {
            required.add(component.getName());
            boolean canBeNull = !component.getType().isPrimitive() && !neverNull.contains(component.getName());
            properties.set(component.getName(),
                    valueSchema(component.getGenericType(), canBeNull, where + "." + component.getName()));
        }
        schema.set("properties", properties);
    }

    private static ObjectNode valueSchema(Type type, boolean nullable, String where) {
        Class<?> raw = rawClass(type, where);
        ObjectNode schema = JSON.createObjectNode();
        if (SIMPLE_TYPES.containsKey(raw)) {
            putType(schema, SIMPLE_TYPES.get(raw), nullable);
        } else if (FORMATTED_STRINGS.containsKey(raw)) {
            putType(schema, "string", nullable);
            schema.put("format", FORMATTED_STRINGS.get(raw));
        } else if (raw.isEnum()) {
            // Jackson writes an enum constant's name.
            putType(schema, "string", nullable);
            ArrayNode values = schema.putArray("enum");
            Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).forEach(values::add);
            if (nullable) {
                values.addNull();
            }
        } else if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType parameterized) {
            putType(schema, "array", nullable);
            schema.set("items", valueSchema(parameterized.getActualTypeArguments()[0], true, where + "[]"));
        } else if (raw.isRecord()) {
            objectBody(schema, raw, Set.of(), nullable, where);
        } else if (JsonNode.class.isAssignableFrom(raw)) {
            putType(schema, "object", nullable); // only the envelope's payload: always an object
        } else {
            throw new IllegalArgumentException(where + ": no schema mapping for " + type.getTypeName()
                    + " (add one to ContractSchemas, as the codec's ObjectMapper writes it)");
        }
        return schema;
    }

    private static Class<?> rawClass(Type type, String where) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalArgumentException(where + ": no schema mapping for " + type.getTypeName());
    }

    private static void putType(ObjectNode schema, String type, boolean nullable) {
        if (nullable) {
            schema.putArray("type").add(type).add("null");
        } else {
            schema.put("type", type);
        }
    }

    /**
     * {@code derived} with the descriptions {@code described} has at the same places: the root's after its title,
     * a property's first. A property or description that {@code described} lacks is simply not described.
     */
    static ObjectNode withDescriptions(ObjectNode derived, JsonNode described) {
        JsonNode description = described == null ? null : described.get("description");
        ObjectNode out = JSON.createObjectNode();
        if (!derived.has("title") && description != null && description.isTextual()) {
            out.set("description", description);
        }
        derived.fields().forEachRemaining(field -> {
            switch (field.getKey()) {
                case "description" -> {
                }
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    field.getValue().fields().forEachRemaining(property -> properties.set(property.getKey(),
                            withDescriptions((ObjectNode) property.getValue(),
                                    described == null ? null : described.path("properties").get(property.getKey()))));
                }
                case "items" -> out.set("items", withDescriptions((ObjectNode) field.getValue(),
                        described == null ? null : described.get("items")));
                default -> out.set(field.getKey(), field.getValue());
            }
            if (field.getKey().equals("title") && description != null && description.isTextual()) {
                out.set("description", description);
            }
        });
        return out;
    }

    /** The text of a schema file as committed: two-space indents, one property a line, arrays on one line. */
    static String render(JsonNode schema) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        try {
            return JSON.writer(printer).writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    static void write(Path file, JsonNode schema) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(schema), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
