package org.openyjs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The repository as the manifests must see it: the root pom's modules and each service's configuration. */
final class Repository {

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORT_DEFAULT = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    final Path root;

    private Repository(Path root) {
        this.root = root;
    }

    static Repository at(Path root) {
        return new Repository(root);
    }

    /** The checkout this test runs in: the nearest directory upwards whose pom.xml is yjs-platform's. */
    static Repository locate() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && read(pom).contains("<artifactId>yjs-platform</artifactId>")
                    && Files.isDirectory(p.resolve("deploy"))) {
                return new Repository(p);
            }
        }
        throw new IllegalStateException("no yjs-platform root pom above " + dir);
    }

    /** The root pom's &lt;modules&gt;, in order. */
    List<String> modules() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var document = factory.newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
            NodeList lists = document.getDocumentElement().getElementsByTagName("modules");
            List<String> modules = new ArrayList<>();
            for (int i = 0; i < lists.getLength(); i++) {
                // Only the project's own <modules>, not one inside a <profile>.
                if (lists.item(i).getParentNode() != document.getDocumentElement()) {
                    continue;
                }
                NodeList entries = ((Element) lists.item(i)).getElementsByTagName("module");
                for (int j = 0; j < entries.getLength(); j++) {
                    modules.add(entries.item(j).getTextContent().trim());
                }
            }
            return modules;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom's modules", e);
        }
    }

    /**
     * The deployable services: every root module with a Spring Boot application.yml that sets
     * {@code server.port: ${SERVER_PORT:<default>}}. A new service module is one of them as soon as
     * it is listed in the root pom, so it needs its manifests from then on.
     */
    List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (String module : modules()) {
            Path yml = root.resolve(module).resolve("src/main/resources/application.yml");
            if (!Files.isRegularFile(yml)) {
                continue;
            }
            JsonNode config = yaml(yml);
            String port = config.path("server").path("port").asText("");
            Matcher m = PORT_DEFAULT.matcher(port);
            if (!m.matches()) {
                throw new AssertionError(module + ": server.port must be ${SERVER_PORT:<default>} (the manifests set "
                        + "SERVER_PORT or rely on the default), was '" + port + "'");
            }
            services.add(new Service(module, Integer.parseInt(m.group(1)), yml, this));
        }
        return services;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? YAML.createObjectNode() : node;
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Every document of a multi-document YAML file (empty documents left out). */
    static List<JsonNode> yamlDocuments(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    documents.add(doc);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Flattens a YAML tree into Spring property names (a.b.c), list entries as a.b[0].c. */
    static Set<String> propertyNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        flatten("", node, names);
        return names;
    }

    private static void flatten(String prefix, JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                into.add(name);
                flatten(name, e.getValue(), into);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        }
    }

    /** The environment variable Spring Boot's relaxed binding maps onto a property (a.b-c.d to A_BC_D). */
    static String environmentName(String property) {
        return property.replaceAll("\\[(\\d+)]", "_$1").replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** A service module and the configuration it reads. */
    record Service(String name, int port, Path applicationYml, Repository repository) {

        /** application.yml and the files it imports from the classpath (e.g. yjs-service-defaults.yml). */
        List<Path> configFiles() {
            List<Path> files = new ArrayList<>(List.of(applicationYml));
            JsonNode imports = yaml(applicationYml).path("spring").path("config").path("import");
            List<String> names = new ArrayList<>();
            if (imports.isArray()) {
                imports.forEach(i -> names.add(i.asText()));
            } else if (!imports.isMissingNode()) {
                for (String s : imports.asText().split(",")) {
                    names.add(s.trim());
                }
            }
            for (String imported : names) {
                String resource = imported.replaceFirst("^optional:", "").replaceFirst("^classpath:", "");
                files.add(repository.classpathResource(resource).orElseThrow(() ->
                        new AssertionError(name + " imports " + imported + ", found in no module's src/main/resources")));
            }
            return files;
        }

        /** The environment variables this service reads: ${NAME...} placeholders and relaxed-binding names of its properties. */
        Set<String> environmentNames() {
            Set<String> names = new LinkedHashSet<>();
            for (Path file : configFiles()) {
                Matcher m = PLACEHOLDER.matcher(read(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
                propertyNames(yaml(file)).forEach(p -> names.add(environmentName(p)));
            }
            return names;
        }

        /** The database name in the default SPRING_DATASOURCE_URL, or empty for a service without a database. */
        Optional<String> database() {
            String url = yaml(applicationYml).path("spring").path("datasource").path("url").asText("");
            Matcher m = Pattern.compile("jdbc:postgresql://[^/]+/([a-z_]+)").matcher(url);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        /** All text of the service's main sources and resources (to check a documented property is really used). */
        String mainSourceText() {
            try (Stream<Path> files = Files.walk(repository.root.resolve(name).resolve("src/main"))) {
                StringBuilder text = new StringBuilder();
                files.filter(Files::isRegularFile).forEach(f -> text.append(read(f)).append('\n'));
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Optional<Path> classpathResource(String resource) {
        for (String module : modules()) {
            Path candidate = root.resolve(module).resolve("src/main/resources").resolve(resource);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The Kafka topic names the integration-events module declares ("yjs.*" string constants). */
    Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("integration-events/src/main/java"))) {
            files.filter(f -> f.getFileName().toString().equals("Topics.java")).forEach(f -> {
                Matcher m = Pattern.compile("String\\s+\\w+\\s*=\\s*\"(yjs\\.[a-z.-]+)\"").matcher(read(f));
                while (m.find()) {
                    topics.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    /** Environment entries of a compose service or a container (map form or NAME=value list form). */
    static Map<String, String> environment(JsonNode environment) {
        Map<String, String> env = new LinkedHashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else if (environment.isArray()) {
            for (JsonNode entry : environment) {
                if (entry.isObject()) { // Kubernetes: {name, value | valueFrom}
                    env.put(entry.path("name").asText(), entry.path("value").asText(""));
                } else {
                    String[] kv = entry.asText().split("=", 2);
                    env.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        }
        return env;
    }
}
