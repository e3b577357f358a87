package org.openyjs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON instance against a schema written in the subset {@link ContractSchemas} generates: {@code type}
 * (one or a list), {@code properties}, {@code required}, {@code additionalProperties: false}, {@code items},
 * {@code enum} and the formats {@code date} and {@code date-time}, which it asserts (draft 2020-12 leaves that to
 * the validator). No validator library resolves offline here, so this one refuses any keyword it does not know
 * rather than pass a schema it cannot judge.
 */
final class SchemaChecker {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "x-topic",
            "x-version");
    private static final Set<String> ASSERTIONS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "format");
    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private SchemaChecker() {
    }

    /** What is wrong with {@code instance}, one line per fault naming its place ({@code $.a.b}); empty if valid. */
    static List<String> check(JsonNode schema, JsonNode instance) {
        List<String> errors = new ArrayList<>();
        check(schema, instance, "$", errors);
        return errors;
    }

    private static void check(JsonNode schema, JsonNode instance, String at, List<String> errors) {
        schema.fieldNames().forEachRemaining(keyword -> {
            if (!ANNOTATIONS.contains(keyword) && !ASSERTIONS.contains(keyword)) {
                throw new IllegalArgumentException(at + ": the checker does not know the keyword " + keyword);
            }
        });
        if (schema.has("type") && !typeMatches(schema.get("type"), instance)) {
            errors.add(at + ": expected " + schema.get("type") + " but was " + describe(instance));
            return; // the other keywords would only repeat the fault
        }
        if (schema.has("enum") && !contains((ArrayNode) schema.get("enum"), instance)) {
            errors.add(at + ": " + instance + " is not one of " + schema.get("enum"));
        }
        if (schema.has("format") && instance.isTextual()) {
            String format = schema.get("format").asText();
            if (!formatMatches(format, instance.asText())) {
                errors.add(at + ": \"" + instance.asText() + "\" is not a " + format);
            }
        }
        if (instance.isObject()) {
            checkObject(schema, (ObjectNode) instance, at, errors);
        }
        if (instance.isArray() && schema.has("items")) {
            for (int i = 0; i < instance.size(); i++) {
                check(schema.get("items"), instance.get(i), at + "[" + i + "]", errors);
            }
        }
    }

    private static void checkObject(JsonNode schema, ObjectNode instance, String at, List<String> errors) {
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            if (!instance.has(name.asText())) {
                errors.add(at + ": required property " + name.asText() + " is missing");
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            throw new IllegalArgumentException(at + ": the checker knows additionalProperties only as true or false");
        }
        instance.fieldNames().forEachRemaining(name -> {
            if (properties.has(name)) {
                check(properties.get(name), instance.get(name), at + "." + name, errors);
            } else if (additional != null && !additional.booleanValue()) {
                errors.add(at + ": property " + name + " is not in the contract");
            }
        });
    }

    private static boolean typeMatches(JsonNode type, JsonNode instance) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, instance)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> instance.isNull();
            case "boolean" -> instance.isBoolean();
            case "string" -> instance.isTextual();
            case "object" -> instance.isObject();
            case "array" -> instance.isArray();
            case "number" -> instance.isNumber();
            // JSON Schema: a number with no fractional part is an integer, 2.0 included.
            case "integer" -> instance.isIntegralNumber()
                    || (instance.isNumber() && instance.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> throw new IllegalArgumentException("the checker does not know the type " + type);
        };
    }

    private static boolean contains(ArrayNode values, JsonNode instance) {
        for (JsonNode value : values) {
            if (value.equals(instance)) {
                return true;
            }
        }
        return false;
    }

    private static boolean formatMatches(String format, String value) {
        try {
            return switch (format) {
                case "date" -> FULL_DATE.matcher(value).matches()
                        && LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE) != null;
                case "date-time" -> DATE_TIME.matcher(value).matches()
                        && OffsetDateTime.parse(value.toUpperCase(), DateTimeFormatter.ISO_OFFSET_DATE_TIME) != null;
                default -> throw new IllegalArgumentException("the checker does not know the format " + format);
            };
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String describe(JsonNode instance) {
        return instance.getNodeType().name().toLowerCase() + " " + instance;
    }

    /**
     * A value valid against {@code schema}, every property present: at its fullest no value null that could be
     * something else, at its sparsest every value null that may be. What an older version's message looks like.
     */
    static JsonNode example(JsonNode schema, boolean fullest) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Set<String> types = new HashSet<>();
        if (schema.get("type").isArray()) {
            schema.get("type").forEach(t -> types.add(t.asText()));
        } else {
            types.add(schema.get("type").asText());
        }
        if (types.contains("null") && (!fullest || types.size() == 1)) {
            return nodes.nullNode();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        types.remove("null");
        String type = types.iterator().next();
        return switch (type) {
            case "boolean" -> nodes.booleanNode(true);
            case "integer" -> nodes.numberNode(1);
            case "number" -> nodes.numberNode(1.5);
            case "string" -> switch (schema.path("format").asText()) {
                case "date" -> nodes.textNode("2024-01-31");
                case "date-time" -> nodes.textNode("2024-01-31T10:15:00Z");
                default -> nodes.textNode("x");
            };
            case "array" -> nodes.arrayNode().add(example(schema.get("items"), fullest));
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                schema.path("properties").fields()
                        .forEachRemaining(p -> object.set(p.getKey(), example(p.getValue(), fullest)));
                yield object;
            }
            default -> throw new IllegalArgumentException("the checker does not know the type " + type);
        };
    }
}
