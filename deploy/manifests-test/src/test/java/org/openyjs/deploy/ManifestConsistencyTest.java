package org.openyjs.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openyjs.deploy.Repository.Service;

/**
 * The production shape under deploy/ agrees with the services: every service listed in the root pom
 * has an image, a compose service, a Deployment, Service and HorizontalPodAutoscaler, and a scrape
 * job; ports equal each service's {@code server.port} default; probes use the actuator's liveness and
 * readiness groups; every environment variable set is one the service reads; the dashboard has a
 * query in every panel.
 */
class ManifestConsistencyTest {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    static final String PROMETHEUS = "/actuator/prometheus";

    /** Variables read by the JVM, not by Spring: allowed on every service. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /**
     * Spring Boot properties a service relies on without naming them in its YAML, per service. Each must
     * still be named somewhere in the service's main sources (so this list cannot outlive the code).
     */
    static final Map<String, Set<String>> UNDECLARED_BOOT_PROPERTIES = Map.of();

    static Repository repo;
    static List<Service> services;
    static JsonNode compose;
    static Map<String, JsonNode> k8s; // "Kind/name" -> object

    @BeforeAll
    static void load() {
        repo = Repository.locate();
        services = repo.services();
        compose = Repository.yaml(repo.path("deploy/compose/compose.yaml"));
        k8s = new LinkedHashMap<>();
        for (Path file : kustomizationResources()) {
            for (JsonNode object : Repository.yamlDocuments(file)) {
                String key = object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
                if (k8s.put(key, object) != null) {
                    fail("two " + key + " in deploy/k8s/base");
                }
            }
        }
    }

    static Stream<Service> services() {
        if (services == null) {
            load();
        }
        return services.stream();
    }

    // ---- the set of services ------------------------------------------------------------------------

    @Test
    void theServicesAreFoundInTheRootPom() {
        Set<String> names = services.stream().map(Service::name).collect(Collectors.toCollection(TreeSet::new));
        // The four of the walking skeleton at least: if detection broke, every other test would pass vacuously.
        assertTrue(names.containsAll(Set.of("case-service", "panel-service", "kpi-service", "gateway")),
                "services found from the root pom's <modules>: " + names);
    }

    @Test
    void everyServiceInTheRootPomHasItsManifests() {
        List<String> missing = missingManifests(repo);
        assertTrue(missing.isEmpty(), "a service module in the root pom without its manifests:\n  "
                + String.join("\n  ", missing));
    }

    /** What each service module of the root pom lacks under deploy/ (compose service, Deployment, Service, HPA, scrape job). */
    static List<String> missingManifests(Repository r) {
        JsonNode composeFile = Repository.yaml(r.path("deploy/compose/compose.yaml"));
        Set<String> objects = new HashSet<>();
        Path base = r.path("deploy/k8s/base");
        for (JsonNode resource : Repository.yaml(base.resolve("kustomization.yaml")).path("resources")) {
            for (JsonNode object : Repository.yamlDocuments(base.resolve(resource.asText()))) {
                objects.add(object.path("kind").asText() + "/" + object.path("metadata").path("name").asText());
            }
        }
        Set<String> scraped = scrapeTargets(r).keySet();
        List<String> missing = new ArrayList<>();
        for (Service s : r.services()) {
            String n = s.name();
            if (!composeFile.path("services").has(n)) missing.add(n + ": service in deploy/compose/compose.yaml");
            for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler")) {
                if (!objects.contains(kind + "/" + n)) missing.add(n + ": " + kind + " in deploy/k8s/base");
            }
            if (!scraped.contains(n)) missing.add(n + ": scrape job in deploy/prometheus/prometheus.yml");
        }
        return missing;
    }

    /** The check above on a copy of the repository whose root pom lists one more service module. */
    @Test
    void aServiceAddedToTheRootPomWithoutManifestsIsReported(@TempDir Path copy) throws IOException {
        String pom = Repository.read(repo.path("pom.xml"));
        assertTrue(pom.contains("<module>gateway</module>"), "root pom lists the gateway module");
        Files.writeString(copy.resolve("pom.xml"), pom.replace("<module>gateway</module>",
                "<module>gateway</module>\n    <module>victim-service</module>"));
        for (String module : repo.modules()) {
            Path yml = repo.path(module).resolve("src/main/resources");
            if (Files.isDirectory(yml)) {
                try (Stream<Path> files = Files.list(yml)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".yml")).toList()) {
                        Path to = copy.resolve(module).resolve("src/main/resources").resolve(f.getFileName());
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to);
                    }
                }
            }
        }
        Path victim = copy.resolve("victim-service/src/main/resources/application.yml");
        Files.createDirectories(victim.getParent());
        Files.writeString(victim, "spring:\n  application:\n    name: victim-service\nserver:\n  port: ${SERVER_PORT:8084}\n");
        for (String dir : List.of("deploy/compose", "deploy/k8s/base", "deploy/prometheus")) {
            try (Stream<Path> files = Files.list(repo.path(dir))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = copy.resolve(dir).resolve(f.getFileName());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        Repository r = Repository.at(copy);
        assertTrue(r.services().stream().anyMatch(s -> s.name().equals("victim-service") && s.port() == 8084));
        assertEquals(List.of(
                "victim-service: service in deploy/compose/compose.yaml",
                "victim-service: Deployment in deploy/k8s/base",
                "victim-service: Service in deploy/k8s/base",
                "victim-service: HorizontalPodAutoscaler in deploy/k8s/base",
                "victim-service: scrape job in deploy/prometheus/prometheus.yml"), missingManifests(r));
    }

    @Test
    void noManifestForAServiceThatIsNotInTheRootPom() {
        Set<String> names = services.stream().map(Service::name).collect(Collectors.toSet());
        Set<String> deployments = k8s.keySet().stream().filter(k -> k.startsWith("Deployment/"))
                .map(k -> k.substring("Deployment/".length())).collect(Collectors.toSet());
        deployments.removeAll(names);
        assertTrue(deployments.isEmpty(), "Deployments for no service module: " + deployments);
        Set<String> built = new HashSet<>();
        compose.path("services").fields().forEachRemaining(e -> {
            if (e.getValue().has("build")) built.add(e.getKey());
        });
        built.removeAll(names);
        assertTrue(built.isEmpty(), "compose builds images for no service module: " + built);
    }

    // ---- the image ----------------------------------------------------------------------------------

    @Test
    void theDockerfileRunsTheLayeredJarAsANonRootUser() {
        String dockerfile = Repository.read(repo.path("deploy/container/Dockerfile"));
        assertTrue(dockerfile.contains("COPY ${SERVICE}/target/${SERVICE}.jar application.jar"), "copies <module>/target/<module>.jar");
        assertTrue(Pattern.compile("(?m)^RUN java -Djarmode=tools -jar application.jar extract --layers --launcher\\b")
                .matcher(dockerfile).find(), "extracts the layers and the launcher with Boot's tools jar mode");
        assertTrue(Pattern.compile("(?m)^ENTRYPOINT \\[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]$")
                .matcher(dockerfile).find(), "starts the extracted launcher");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertTrue(user.find(), "sets a USER");
        assertFalse(Set.of("root", "0", "0:0").contains(user.group(1)), "runs as a non-root user");
        assertTrue(dockerfile.contains("EXPOSE ${SERVICE_PORT}"), "exposes the build argument SERVICE_PORT");
        assertEquals(List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"), dockerfileLayers(dockerfile),
                "copies Spring Boot's default layers, least often changed first");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theImageCopiesEveryLayerOfTheServiceJar(Service s) throws IOException {
        Path jar = repo.path(s.name() + "/target/" + s.name() + ".jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " not built: checked against Boot's default layers only");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry("BOOT-INF/layers.idx");
            assertNotNull(entry, s.name() + ".jar is not a layered jar");
            String index = new String(zip.getInputStream(entry).readAllBytes());
            List<String> layers = new ArrayList<>();
            Matcher m = Pattern.compile("(?m)^- \"([^\"]+)\":").matcher(index);
            while (m.find()) layers.add(m.group(1));
            assertEquals(layers, dockerfileLayers(Repository.read(repo.path("deploy/container/Dockerfile"))),
                    "the Dockerfile copies exactly the jar's layers, in its order");
        }
    }

    private static List<String> dockerfileLayers(String dockerfile) {
        List<String> layers = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^COPY --from=extract /extract/extracted/([a-z-]+)/ \\./$").matcher(dockerfile);
        while (m.find()) layers.add(m.group(1));
        return layers;
    }

    // ---- compose ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void composeBuildsAndRunsTheServiceOnItsPort(Service s) {
        JsonNode c = compose.path("services").path(s.name());
        assertTrue(c.isObject(), "no compose service " + s.name());
        JsonNode build = c.path("build");
        assertEquals("deploy/container/Dockerfile", build.path("dockerfile").asText(), s.name() + " image from the shared Dockerfile");
        assertTrue(Files.isRegularFile(repo.path("deploy/compose").resolve(build.path("context").asText()).normalize()
                .resolve(build.path("dockerfile").asText())), "build context is the repository root");
        assertEquals(s.name(), build.path("args").path("SERVICE").asText(), "build arg SERVICE");
        assertEquals(String.valueOf(s.port()), build.path("args").path("SERVICE_PORT").asText(), "build arg SERVICE_PORT");
        List<String> expose = new ArrayList<>();
        c.path("expose").forEach(p -> expose.add(p.asText()));
        assertEquals(List.of(String.valueOf(s.port())), expose, s.name() + " exposes server.port");
        c.path("ports").forEach(p -> {
            String mapping = p.asText();
            assertEquals(String.valueOf(s.port()), mapping.substring(mapping.lastIndexOf(':') + 1),
                    s.name() + " publishes its server.port: " + mapping);
        });
        String health = String.join(" ", texts(c.path("healthcheck").path("test")));
        assertTrue(health.contains("/dev/tcp/127.0.0.1/" + s.port() + " ") && health.contains(READINESS),
                s.name() + " healthcheck asks " + READINESS + " on " + s.port() + ": " + health);
        assertTrue(c.has("mem_limit"), s.name() + " has a memory limit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void composeSetsOnlyVariablesTheServiceReads(Service s) {
        Map<String, String> env = Repository.environment(compose.path("services").path(s.name()).path("environment"));
        assertReadByService(s, env.keySet(), "deploy/compose/compose.yaml");
        assertServiceUrlsPointAtTheirServices(s, env, "deploy/compose/compose.yaml");
        if (env.containsKey("SERVER_PORT")) {
            assertEquals(String.valueOf(s.port()), env.get("SERVER_PORT"), "SERVER_PORT in compose");
        }
        s.database().ifPresent(db -> {
            assertTrue(env.getOrDefault("SPRING_DATASOURCE_URL", "").matches("jdbc:postgresql://postgres:5432/" + db + "(\\?.*)?"),
                    s.name() + " uses its own database " + db + ": " + env.get("SPRING_DATASOURCE_URL"));
            assertTrue(Repository.read(repo.path("deploy/compose/postgres/init-databases.sh"))
                    .matches("(?s).*\\ncreate\\s+" + db + "\\s+" + env.get("SPRING_DATASOURCE_USERNAME") + "\\s.*"),
                    "postgres/init-databases.sh creates database " + db + " owned by " + env.get("SPRING_DATASOURCE_USERNAME"));
            assertTrue(env.getOrDefault("SPRING_DATASOURCE_PASSWORD", "").startsWith("${"),
                    s.name() + ": the database password comes from .env, never from compose.yaml");
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), s.name() + " Kafka");
        });
    }

    @Test
    void composeCreatesEveryTopicWithUnlimitedRetention() {
        String command = String.join("\n", texts(compose.path("services").path("kafka-topics").path("command")));
        Set<String> topics = repo.topics();
        assertFalse(topics.isEmpty(), "no topics found in integration-events' Topics.java");
        for (String topic : topics) {
            assertTrue(command.contains(topic), "kafka-topics creates " + topic);
        }
        assertTrue(command.contains("--config retention.ms=-1"), "topics keep their whole history");
        JsonNode kafka = compose.path("services").path("kafka").path("environment");
        assertEquals("-1", kafka.path("KAFKA_LOG_RETENTION_MS").asText(), "broker default retention is unlimited too");
        assertEquals("false", kafka.path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText(), "no topic appears by accident");
    }

    @Test
    void composeKeepsSecretsOutOfTheFile() {
        Pattern literalSecret = Pattern.compile("(?i)(PASSWORD|SECRET|TOKEN)[A-Z_]*$");
        List<String> literal = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(svc -> Repository.environment(svc.getValue().path("environment"))
                .forEach((k, v) -> {
                    if (literalSecret.matcher(k).find() && !v.startsWith("${")) literal.add(svc.getKey() + "." + k);
                }));
        assertTrue(literal.isEmpty(), "secrets must come from .env: " + literal);
        String example = Repository.read(repo.path("deploy/compose/.env.example"));
        Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(Repository.read(repo.path("deploy/compose/compose.yaml")));
        while (required.find()) {
            assertTrue(example.contains("\n" + required.group(1) + "="), ".env.example names " + required.group(1));
        }
        assertTrue(Repository.read(repo.path("deploy/compose/.gitignore")).lines().anyMatch(".env"::equals), ".env is ignored by git");
    }

    // ---- Kubernetes ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theDeploymentRunsTheServiceOnItsPortWithActuatorProbes(Service s) {
        JsonNode deployment = k8s.get("Deployment/" + s.name());
        assertNotNull(deployment, "no Deployment " + s.name());
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = only(pod.path("spec").path("containers"), s.name() + " containers");
        assertTrue(container.path("image").asText().contains("/" + s.name() + ":"), "image " + container.path("image").asText());

        JsonNode port = only(container.path("ports"), s.name() + " container ports");
        assertEquals(s.port(), port.path("containerPort").asInt(), s.name() + " containerPort = server.port default");
        String portName = port.path("name").asText();

        assertProbe(s, container.path("livenessProbe"), LIVENESS, portName, "livenessProbe");
        assertProbe(s, container.path("readinessProbe"), READINESS, portName, "readinessProbe");
        if (container.has("startupProbe")) {
            assertProbe(s, container.path("startupProbe"), LIVENESS, portName, "startupProbe");
        }

        JsonNode resources = container.path("resources");
        assertTrue(resources.path("requests").has("cpu"), s.name() + " requests CPU (the HPA scales on it)");
        assertTrue(resources.path("requests").has("memory") && resources.path("limits").has("memory"), s.name() + " memory request and limit");
        int limitMi = mebibytes(resources.path("limits").path("memory").asText());
        Map<String, String> env = Repository.environment(container.path("env"));
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(env.getOrDefault("JAVA_TOOL_OPTIONS", ""));
        assertTrue(xmx.find(), s.name() + " sets the heap in JAVA_TOOL_OPTIONS");
        assertTrue(Integer.parseInt(xmx.group(1)) * 3 / 2 <= limitMi,
                s.name() + ": -Xmx" + xmx.group(1) + "m leaves too little of the " + limitMi + "Mi limit for the rest of the JVM");

        JsonNode annotations = pod.path("metadata").path("annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText(), s.name() + " scraped");
        assertEquals(PROMETHEUS, annotations.path("prometheus.io/path").asText(), s.name() + " scrape path");
        assertEquals(String.valueOf(s.port()), annotations.path("prometheus.io/port").asText(), s.name() + " scrape port");

        JsonNode security = container.path("securityContext");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), s.name() + " no privilege escalation");
        assertTrue(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean(false), s.name() + " runs as non-root");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theKubernetesServiceAndAutoscalerTargetTheDeployment(Service s) {
        JsonNode deployment = k8s.get("Deployment/" + s.name());
        JsonNode service = k8s.get("Service/" + s.name());
        JsonNode hpa = k8s.get("HorizontalPodAutoscaler/" + s.name());
        assertNotNull(deployment, "Deployment " + s.name());
        assertNotNull(service, "Service " + s.name());
        assertNotNull(hpa, "HorizontalPodAutoscaler " + s.name());

        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        service.path("spec").path("selector").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), podLabels.path(e.getKey()).asText(), s.name() + " Service selects the pods: " + e.getKey()));
        deployment.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), podLabels.path(e.getKey()).asText(), s.name() + " Deployment selects its pods: " + e.getKey()));
        JsonNode port = only(service.path("spec").path("ports"), s.name() + " Service ports");
        // Other services reach it at http://<name>:<server.port>, the address the gateway's defaults use.
        assertEquals(s.port(), port.path("port").asInt(), s.name() + " Service port");
        JsonNode containerPort = deployment.path("spec").path("template").path("spec").path("containers").get(0).path("ports").get(0);
        JsonNode target = port.path("targetPort");
        assertTrue(target.asText().equals(containerPort.path("name").asText()) || target.asInt() == s.port(),
                s.name() + " Service targetPort " + target.asText());

        JsonNode ref = hpa.path("spec").path("scaleTargetRef");
        assertEquals("Deployment", ref.path("kind").asText());
        assertEquals(s.name(), ref.path("name").asText(), "HPA scales " + s.name());
        int min = hpa.path("spec").path("minReplicas").asInt(1);
        int max = hpa.path("spec").path("maxReplicas").asInt();
        assertTrue(min >= 1 && max >= min, s.name() + " HPA " + min + ".." + max);
        assertFalse(deployment.path("spec").has("replicas"), s.name() + ": the HPA owns the replica count, not the Deployment");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void kubernetesSetsOnlyVariablesTheServiceReadsFromExistingConfig(Service s) {
        JsonNode container = k8s.get("Deployment/" + s.name()).path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = Repository.environment(container.path("env"));
        assertReadByService(s, env.keySet(), "deploy/k8s/base/" + s.name() + ".yaml");
        assertServiceUrlsPointAtTheirServices(s, env, "deploy/k8s/base/" + s.name() + ".yaml");
        assertFalse(container.has("envFrom"), s.name() + ": name each variable (env), so this test sees them all");
        Map<String, Set<String>> secretKeys = exampleSecrets();
        for (JsonNode entry : container.path("env")) {
            String name = entry.path("name").asText();
            JsonNode cm = entry.path("valueFrom").path("configMapKeyRef");
            if (!cm.isMissingNode()) {
                JsonNode map = k8s.get("ConfigMap/" + cm.path("name").asText());
                assertNotNull(map, name + ": ConfigMap " + cm.path("name").asText() + " is not in the base");
                assertTrue(map.path("data").has(cm.path("key").asText()), name + ": ConfigMap key " + cm.path("key").asText());
            }
            JsonNode secret = entry.path("valueFrom").path("secretKeyRef");
            if (!secret.isMissingNode()) {
                Set<String> keys = secretKeys.get(secret.path("name").asText());
                assertNotNull(keys, name + ": Secret " + secret.path("name").asText() + " is not in deploy/k8s/secrets.example.yaml");
                assertTrue(keys.contains(secret.path("key").asText()), name + ": Secret key " + secret.path("key").asText());
            }
            if (name.endsWith("PASSWORD")) {
                assertFalse(secret.isMissingNode(), s.name() + ": " + name + " must come from a Secret");
            }
        }
        if (s.name().equals("auth-server")) {
            assertFalse(env.containsKey("YJS_AUTH_PROFILE"), "never the public demo users in a cluster");
            assertTrue(env.containsKey("YJS_AUTH_SIGNING_KEY_JWK"), "the signing key comes from the secret store");
        } else {
            // Every service checks the token itself (ADR 0009), against the configured OIDC issuer.
            assertTrue(env.containsKey("YJS_AUTH_ISSUER_URI") && env.containsKey("YJS_AUTH_JWK_SET_URI"),
                    s.name() + " trusts the OIDC issuer's tokens");
        }
        if (s.name().equals("gateway")) {
            assertEquals("false", env.get("YJS_AUTH_TOKEN_RELAY_ENABLED"), "no password token relay in a cluster");
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndNoSecretValues() throws IOException {
        Set<String> listed = kustomizationResources().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(repo.path("deploy/k8s/base"))) {
            Set<String> present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).collect(Collectors.toSet());
            assertEquals(present, listed, "deploy/k8s/base/kustomization.yaml resources");
        }
        assertTrue(k8s.keySet().stream().noneMatch(k -> k.startsWith("Secret/")), "no Secret in the base: they come from the secret store");
    }

    // ---- Prometheus and Grafana ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void prometheusScrapesTheServiceOnItsPort(Service s) {
        JsonNode job = scrapeTargets().get(s.name());
        assertNotNull(job, "no scrape job labelled service=" + s.name());
        assertEquals(PROMETHEUS, job.path("metrics_path").asText(), s.name() + " metrics_path");
        List<String> targets = new ArrayList<>();
        job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
        assertEquals(List.of(s.name() + ":" + s.port()), targets, s.name() + " scrape target: the compose service on server.port");
    }

    @Test
    void prometheusLoadsTheAlertRulesComposeMounts() {
        JsonNode config = Repository.yaml(repo.path("deploy/prometheus/prometheus.yml"));
        List<String> mounts = texts(compose.path("services").path("prometheus").path("volumes"));
        for (JsonNode ruleFile : config.path("rule_files")) {
            String inContainer = ruleFile.asText();
            String mount = mounts.stream().filter(m -> m.split(":")[1].equals(inContainer)).findFirst()
                    .orElseThrow(() -> new AssertionError("compose mounts no file at " + inContainer));
            assertTrue(Files.isRegularFile(repo.path("deploy/compose").resolve(mount.split(":")[0]).normalize()), mount);
        }
        assertTrue(mounts.stream().anyMatch(m -> m.startsWith("../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml")));
        JsonNode k8sScrape = Repository.yaml(repo.path("deploy/prometheus/prometheus-kubernetes.yml"));
        String relabel = k8sScrape.path("scrape_configs").toString();
        assertTrue(relabel.contains("prometheus_io_path") && relabel.contains("prometheus_io_port") && relabel.contains("\"service\""),
                "the Kubernetes scrape config follows the pods' annotations and sets the service label");
    }

    @Test
    void theGrafanaDashboardParsesAndEveryPanelHasAQuery() throws IOException {
        Path file = repo.path("deploy/grafana/yjs-dashboard.json");
        JsonNode dashboard = Repository.JSON.readTree(file.toFile());
        assertFalse(dashboard.path("uid").asText().isBlank(), "dashboard uid");
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add); // panels inside collapsed rows
        });
        assertFalse(panels.isEmpty(), "no panels");
        Set<Integer> ids = new HashSet<>();
        StringBuilder queries = new StringBuilder();
        for (JsonNode panel : panels) {
            assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
            if (panel.path("type").asText().equals("row")) continue;
            String title = panel.path("title").asText();
            assertFalse(title.isBlank(), "panel without title");
            assertTrue(panel.path("targets").size() > 0, "panel '" + title + "' has no query");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertFalse(expr.isBlank(), "panel '" + title + "' target " + target.path("refId").asText() + " has no expr");
                assertEquals(count(expr, '('), count(expr, ')'), "unbalanced parentheses in '" + title + "': " + expr);
                assertEquals(count(expr, '{'), count(expr, '}'), "unbalanced braces in '" + title + "': " + expr);
                queries.append(expr).append('\n');
            }
        }
        for (String metric : List.of("eventProcessor_latency", "eventProcessor_capacity", "kafka_consumer_fetch_manager_records_lag_max",
                "http_server_requests_seconds_count", "kpi_consumer_records_total", "jvm_memory_used_bytes")) {
            assertTrue(queries.toString().contains(metric), "the dashboard charts " + metric);
        }
        assertTrue(queries.toString().contains("service=~\"$service\""), "panels filter on the service variable");
        // Compose provisions this very folder.
        assertTrue(texts(compose.path("services").path("grafana").path("volumes")).stream()
                .anyMatch(v -> v.startsWith("../grafana:")), "compose mounts deploy/grafana into Grafana");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Every variable must be one the service reads, or one the JVM reads. */
    private static void assertReadByService(Service s, Set<String> variables, String where) {
        Set<String> read = s.environmentNames();
        Set<String> undeclared = UNDECLARED_BOOT_PROPERTIES.getOrDefault(s.name(), Set.of());
        String sources = undeclared.isEmpty() ? "" : s.mainSourceText();
        for (String property : undeclared) {
            assertTrue(sources.contains(property) || sources.contains(Repository.environmentName(property)),
                    s.name() + " no longer mentions " + property + ": drop it from UNDECLARED_BOOT_PROPERTIES");
            read.add(Repository.environmentName(property));
        }
        List<String> unknown = variables.stream().filter(v -> !read.contains(v) && !JVM_VARIABLES.contains(v)).sorted().toList();
        assertTrue(unknown.isEmpty(), where + " sets variables " + s.name() + " does not read: " + unknown
                + " (neither a ${NAME} placeholder nor the relaxed-binding name of a property in its application.yml"
                + " or the files it imports)");
    }

    /** CASE_SERVICE_URL and the like must point at http://case-service:&lt;case-service's port&gt;. */
    private static void assertServiceUrlsPointAtTheirServices(Service s, Map<String, String> env, String where) {
        Map<String, Integer> ports = services.stream().collect(Collectors.toMap(Service::name, Service::port));
        env.forEach((name, value) -> {
            Matcher m = Pattern.compile("([A-Z]+)_SERVICE_URL").matcher(name);
            if (!m.matches()) return;
            String target = m.group(1).toLowerCase() + "-service";
            assertTrue(ports.containsKey(target), where + ": " + name + " names no service module " + target);
            assertEquals("http://" + target + ":" + ports.get(target), value, where + ": " + s.name() + " " + name);
        });
    }

    private static void assertProbe(Service s, JsonNode probe, String path, String portName, String which) {
        JsonNode get = probe.path("httpGet");
        assertEquals(path, get.path("path").asText(), s.name() + " " + which + " path");
        JsonNode port = get.path("port");
        assertTrue(port.asText().equals(portName) && !portName.isEmpty() || port.asInt() == s.port(),
                s.name() + " " + which + " port " + port.asText() + " is not the container's " + s.port());
    }

    /** Jobs of deploy/prometheus/prometheus.yml by their targets' service label. */
    private static Map<String, JsonNode> scrapeTargets() {
        return scrapeTargets(repo);
    }

    private static Map<String, JsonNode> scrapeTargets(Repository r) {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        JsonNode config = Repository.yaml(r.path("deploy/prometheus/prometheus.yml"));
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                String service = sc.path("labels").path("service").asText("");
                if (!service.isEmpty()) jobs.put(service, job);
            }
        }
        return jobs;
    }

    private static List<Path> kustomizationResources() {
        Path base = repo.path("deploy/k8s/base");
        List<Path> files = new ArrayList<>();
        for (JsonNode r : Repository.yaml(base.resolve("kustomization.yaml")).path("resources")) {
            Path file = base.resolve(r.asText());
            assertTrue(Files.isRegularFile(file), "kustomization resource " + r.asText() + " is missing");
            files.add(file);
        }
        return files;
    }

    private static Map<String, Set<String>> exampleSecrets() {
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (JsonNode doc : Repository.yamlDocuments(repo.path("deploy/k8s/secrets.example.yaml"))) {
            Set<String> keys = new HashSet<>();
            doc.path("stringData").fieldNames().forEachRemaining(keys::add);
            doc.path("data").fieldNames().forEachRemaining(keys::add);
            secrets.put(doc.path("metadata").path("name").asText(), keys);
        }
        return secrets;
    }

    private static JsonNode only(JsonNode array, String what) {
        assertEquals(1, array.size(), what + ": expected exactly one");
        return array.get(0);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> texts.add(n.asText()));
        else if (!node.isMissingNode()) texts.add(node.asText());
        return texts;
    }

    private static int mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(m.matches(), "memory quantity in Mi or Gi: " + quantity);
        return Integer.parseInt(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }
}
