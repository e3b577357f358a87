package org.openyjs.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openyjs.events.EventTypes.EventType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.openyjs.events.ContractSchemas.DIRECTORY;
import static org.openyjs.events.ContractSchemas.ENVELOPE_FILE;
import static org.openyjs.events.ContractSchemas.JSON;
import static org.openyjs.events.ContractSchemas.TODO;
import static org.openyjs.events.ContractSchemas.fileName;
import static org.openyjs.events.ContractSchemas.read;
import static org.openyjs.events.ContractSchemas.withDescriptions;

/**
 * The committed schema files as a whole: listing them, writing the missing ones, and the contract reference in
 * {@code docs/integration-events.md} (the part between its two markers), rendered from the files.
 */
final class ContractDocs {

    /** The documentation, relative to the module (Maven runs tests there). */
    static final Path DOCS = Path.of("../docs/integration-events.md");
    /** The generated parts of the docs, each between its begin and end markers. */
    static final List<String> PARTS = List.of("envelope", "contracts");
    private static final String LINK = "../integration-events/src/main/resources/contracts/";

    private ContractDocs() {
    }

    static List<Path> schemaFiles() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + DIRECTORY.toAbsolutePath(), e);
        }
    }

    /**
     * Writes the schema file of every current version that has none, with the prose of the contract's latest earlier
     * version (or a TODO, which a test refuses until it is written), then the reference in the docs.
     * An existing schema file keeps its content (it is the contract as published); only its layout is redone.
     */
    static void writeMissingSchemasAndDocs() {
        for (Path existing : schemaFiles()) {
            ContractSchemas.write(existing, read(existing));
        }
        for (EventType type : EventTypes.ALL) {
            Path file = DIRECTORY.resolve(fileName(type.name(), type.version()));
            if (!Files.exists(file)) {
                JsonNode earlier = null;
                for (int version = type.version() - 1; version >= 1 && earlier == null; version--) {
                    Path older = DIRECTORY.resolve(fileName(type.name(), version));
                    earlier = Files.exists(older) ? read(older) : null;
                }
                ContractSchemas.write(file, withDescriptions(ContractSchemas.derive(type), withTodo(earlier, type.name())));
                System.out.println("Wrote " + file.toAbsolutePath().normalize());
            }
        }
        Path envelope = DIRECTORY.resolve(ENVELOPE_FILE);
        if (!Files.exists(envelope)) {
            ContractSchemas.write(envelope, withDescriptions(ContractSchemas.deriveEnvelope(),
                    withTodo(null, ContractSchemas.ENVELOPE_NAME)));
            System.out.println("Wrote " + envelope.toAbsolutePath().normalize());
        }
        writeReference();
    }

    private static JsonNode withTodo(JsonNode earlier, String name) {
        ObjectNode described = earlier == null ? JSON.createObjectNode() : (ObjectNode) earlier.deepCopy();
        if (!described.hasNonNull("description")) {
            described.put("description", TODO + ": say in a sentence or two what a " + name + " means");
        }
        return described;
    }

    static String begin(String part) {
        return "<!-- " + part + ":begin (written from the schema files by ContractSchemasTest with"
                + " -Dcontracts.write=true; edit the schema files' descriptions, not this part) -->\n";
    }

    static String end(String part) {
        return "<!-- " + part + ":end -->";
    }

    private static void writeReference() {
        String docs = readDocs();
        for (String part : PARTS) {
            int begin = docs.indexOf(begin(part));
            int end = docs.indexOf(end(part));
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(DOCS + " has lost its markers " + begin(part) + " and " + end(part));
            }
            docs = docs.substring(0, begin + begin(part).length()) + generated(part) + docs.substring(end);
        }
        try {
            Files.writeString(DOCS, docs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + DOCS, e);
        }
        System.out.println("Wrote the generated parts of " + DOCS.toAbsolutePath().normalize());
    }

    /** A generated part as committed: what lies between its markers, or null without them. */
    static String committed(String part) {
        String docs = readDocs();
        int begin = docs.indexOf(begin(part));
        int end = docs.indexOf(end(part));
        return begin < 0 || end < begin ? null : docs.substring(begin + begin(part).length(), end);
    }

    /** A generated part as the schema files say it. */
    static String generated(String part) {
        return switch (part) {
            case "envelope" -> envelope();
            case "contracts" -> reference();
            default -> throw new IllegalArgumentException(part);
        };
    }

    private static String envelope() {
        Path path = DIRECTORY.resolve(ENVELOPE_FILE);
        if (!Files.exists(path)) {
            return "No schema file yet for the envelope.\n";
        }
        JsonNode schema = read(path);
        StringBuilder out = new StringBuilder()
                .append("Schema [`").append(ENVELOPE_FILE).append("`](").append(LINK).append(ENVELOPE_FILE)
                .append(").\n\n").append(schema.path("description").asText()).append("\n\n")
                .append("| Field | Type | Meaning |\n|---|---|---|\n");
        fields(schema, "", out);
        return out.toString();
    }

    private static String readDocs() {
        try {
            return Files.readString(DOCS, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DOCS.toAbsolutePath().normalize(), e);
        }
    }

    /** One section per contract, in {@link EventTypes} order: topic, version, meaning, fields, older versions. */
    static String reference() {
        StringBuilder out = new StringBuilder();
        for (EventType type : EventTypes.ALL) {
            String file = fileName(type.name(), type.version());
            Path path = DIRECTORY.resolve(file);
            if (!Files.exists(path)) {
                out.append("\n### ").append(type.name()).append("\n\nNo schema file yet for v").append(type.version())
                        .append(".\n");
                continue;
            }
            JsonNode schema = read(path);
            out.append("\n### ").append(type.name()).append("\n\n")
                    .append("Topic `").append(type.topic()).append("`, version ").append(type.version())
                    .append(", schema [`").append(file).append("`](").append(LINK).append(file).append(").\n\n")
                    .append(schema.path("description").asText()).append("\n\n")
                    .append("| Field | Type | Meaning |\n|---|---|---|\n");
            fields(schema, "", out);
            List<String> older = new ArrayList<>();
            for (int version = 1; version < type.version(); version++) {
                Path old = DIRECTORY.resolve(fileName(type.name(), version));
                if (Files.exists(old)) {
                    older.add("[v" + version + "](" + LINK + old.getFileName() + ")" + differences(read(old), schema));
                }
            }
            if (!older.isEmpty()) {
                out.append("\nOlder versions, raised to v").append(type.version()).append(" by `Upcasters`: ")
                        .append(String.join("; ", older)).append(".\n");
            }
        }
        return out.toString();
    }

    private static void fields(JsonNode schema, String prefix, StringBuilder out) {
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode field = property.getValue();
            out.append("| `").append(prefix).append(property.getKey()).append("` | ").append(typeText(field))
                    .append(" | ").append(field.path("description").asText("").replace("|", "\\|")).append(" |\n");
            if (field.has("properties")) {
                fields(field, prefix + property.getKey() + ".", out);
            }
        });
    }

    private static String typeText(JsonNode field) {
        List<String> types = new ArrayList<>();
        field.path("type").forEach(t -> types.add(t.asText()));
        if (field.path("type").isTextual()) {
            types.add(field.path("type").asText());
        }
        String main = types.get(0);
        if (field.has("format")) {
            main = field.get("format").asText();
        } else if (field.has("enum")) {
            List<String> values = new ArrayList<>();
            field.get("enum").forEach(v -> {
                if (!v.isNull()) {
                    values.add(v.asText());
                }
            });
            main = "one of " + String.join(", ", values);
        } else if (main.equals("array") && field.has("items")) {
            main = "array of " + typeText(field.get("items"));
        }
        return types.contains("null") ? main + " or null" : main;
    }

    private static String differences(JsonNode old, JsonNode current) {
        List<String> lacked = new ArrayList<>();
        current.path("properties").fieldNames().forEachRemaining(name -> {
            if (!old.path("properties").has(name)) {
                lacked.add("`" + name + "`");
            }
        });
        List<String> had = new ArrayList<>();
        old.path("properties").fieldNames().forEachRemaining(name -> {
            if (!current.path("properties").has(name)) {
                had.add("`" + name + "`");
            }
        });
        List<String> parts = new ArrayList<>();
        if (!lacked.isEmpty()) {
            parts.add("lacked " + String.join(", ", lacked));
        }
        if (!had.isEmpty()) {
            parts.add("had " + String.join(", ", had));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
