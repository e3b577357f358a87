package org.openyjs.local.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openyjs.local.FreePorts;
import org.openyjs.local.Ports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stack's process handling, with {@link FakeService} jars standing in for the real services. */
@Timeout(120)
class StackIT {

    @TempDir
    Path tmp;

    private final String stackId = "stack-it-" + UUID.randomUUID();

    @AfterEach
    void noProcessLeft() {
        // Whatever happened in the test, leave nothing running on the machine.
        Stack.stop(Stack.processesOf(stackId), Duration.ofSeconds(5));
    }

    @Test
    void startsEveryServiceWithItsEnvironmentAndStopsThemAndTheirChildren() throws Exception {
        Path repo = repoWithJars(FakeService.class, FakeService.class, FakeService.class);
        StackConfig config = config(repo);

        List<ProcessHandle> processes;
        try (Stack stack = Stack.start(config)) {
            processes = Stack.processesOf(stackId).stream()
                    .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .toList();
            assertThat(Stack.processesOf(stackId)).hasSize(5);
            assertThat(processes).hasSize(10); // each service and its child

            assertThat(get(stack.url(Service.GATEWAY) + "/actuator/health")).contains("UP");
            assertThat(Files.readString(stack.logFile(Service.CASE))).contains(
                    "SERVER_PORT=" + config.port(Service.CASE),
                    "SPRING_DATASOURCE_URL=jdbc:postgresql://db.example:5432/case_service",
                    "SPRING_DATASOURCE_USERNAME=yjs",
                    "SPRING_DATASOURCE_PASSWORD=secret",
                    "KAFKA_BOOTSTRAP_SERVERS=kafka.example:9092",
                    "YJS_AUTH_ISSUER_URI=http://localhost:" + config.port(Service.AUTH),
                    "YJS_AUTH_JWK_SET_URI=http://localhost:" + config.port(Service.AUTH) + "/oauth2/jwks");
            assertThat(Files.readString(stack.logFile(Service.AUTH)))
                    .contains("SPRING_PROFILES_ACTIVE=local",
                            "YJS_AUTH_ISSUER=http://localhost:" + config.port(Service.AUTH),
                            "YJS_AUTH_SIGNING_KEY_FILE=" + config.authKeyFile())
                    .doesNotContain("SPRING_DATASOURCE_URL");
            assertThat(Files.readString(stack.logFile(Service.KPI)))
                    .contains("SPRING_DATASOURCE_URL=jdbc:postgresql://db.example:5432/kpi_service");
            assertThat(Files.readString(stack.logFile(Service.GATEWAY)))
                    .contains("CASE_SERVICE_URL=http://localhost:" + config.port(Service.CASE),
                            "PANEL_SERVICE_URL=http://localhost:" + config.port(Service.PANEL),
                            "KPI_SERVICE_URL=http://localhost:" + config.port(Service.KPI),
                            "YJS_AUTH_TOKEN_URI=http://localhost:" + config.port(Service.AUTH) + "/oauth2/token")
                    .doesNotContain("SPRING_DATASOURCE_URL", "KAFKA_BOOTSTRAP_SERVERS");
        }

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(Stack.processesOf(stackId)).isEmpty();
        for (Service service : Service.values()) {
            assertThat(Files.readString(config.logDir().resolve(service.artifact() + ".log")))
                    .as(service + " was asked to stop, not killed").contains("graceful shutdown");
            assertThat(Ports.isFree(config.port(service))).as(service + " port free").isTrue();
        }
    }

    @Test
    void oneServiceIsRestartedWithExtraJvmOptionsAndThenAsNormal() throws Exception {
        Path repo = repoWithJars(FakeService.class, FakeService.class, FakeService.class);
        String option = "-Dyjs.stack-it.baseline=" + UUID.randomUUID();
        try (Stack stack = Stack.start(config(repo))) {
            assertThat(withOption(option)).isEmpty();
            ProcessHandle first = panelProcess();

            stack.restart(Service.PANEL, List.of(option));
            assertThat(first.isAlive()).isFalse();
            assertThat(withOption(option)).hasSize(1);
            assertThat(panelProcess().info().arguments().map(List::of).orElseThrow()).contains(option);
            assertThat(Stack.processesOf(stackId)).hasSize(5);
            assertThat(get(stack.url(Service.PANEL) + "/actuator/health")).contains("UP");

            stack.restart(Service.PANEL, List.of());
            assertThat(withOption(option)).isEmpty();
            assertThat(Stack.processesOf(stackId)).hasSize(5);
            assertThat(get(stack.url(Service.PANEL) + "/actuator/health")).contains("UP");
        }
        assertThat(Stack.processesOf(stackId)).isEmpty();
    }

    private List<ProcessHandle> withOption(String option) {
        return Stack.processesOf(stackId).stream()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(option)).orElse(false))
                .toList();
    }

    private ProcessHandle panelProcess() {
        return Stack.processesOf(stackId).stream()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains("panel-service.jar"))
                        .orElse(false))
                .findFirst().orElseThrow();
    }

    @Test
    void aServiceThatDiesWhileStartingIsNamedWithItsLogAndTheOthersAreStopped() throws Exception {
        Path repo = repoWithJars(FakeService.class, FakeService.class, FakeService.Failing.class);
        StackConfig config = config(repo);

        assertThatThrownBy(() -> Stack.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kpi-service exited with code 3 while starting")
                .hasMessageContaining(config.logDir().resolve("kpi-service.log").toString())
                .hasMessageContaining("Its last lines:\n    cannot connect to the database");

        assertThat(Stack.processesOf(stackId)).isEmpty();
        assertThat(Files.readString(config.logDir().resolve("kpi-service.log"))).contains("cannot connect to the database");
        // The gateway starts beside the others, so it was launched; it is stopped with them (no process left above).
        assertThat(config.logDir().resolve("gateway.log")).exists();
    }

    @Test
    void missingJarsAreNamedBeforeAnythingStarts() throws Exception {
        Path repo = repoWithJars(FakeService.class, FakeService.class, FakeService.class);
        Files.delete(Service.PANEL.jar(repo));

        assertThatThrownBy(() -> Stack.start(config(repo)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Missing service jar(s): " + Service.PANEL.jar(repo))
                .hasMessageContaining("run.sh --build");
        assertThat(Stack.processesOf(stackId)).isEmpty();
    }

    private StackConfig config(Path repo) throws IOException {
        StackConfig.Builder builder = StackConfig.builder(repo)
                .stackId(stackId)
                .logDir(tmp.resolve("logs"))
                .postgres(database -> "jdbc:postgresql://db.example:5432/" + database, "yjs", "secret")
                .kafka("kafka.example:9092")
                .startupTimeout(Duration.ofSeconds(60))
                .progress(System.out::println);
        try (FreePorts ports = new FreePorts()) {
            for (Service service : Service.values()) {
                builder.port(service, ports.next());
            }
        }
        return builder.build();
    }

    /** A repository with fake jars: the given mains for case, panel and kpi; the gateway and auth server are always well. */
    private Path repoWithJars(Class<?> caseMain, Class<?> panelMain, Class<?> kpiMain) throws IOException {
        Path repo = tmp.resolve("repo");
        writeJar(Service.CASE.jar(repo), caseMain);
        writeJar(Service.PANEL.jar(repo), panelMain);
        writeJar(Service.KPI.jar(repo), kpiMain);
        writeJar(Service.GATEWAY.jar(repo), FakeService.class);
        writeJar(Service.AUTH.jar(repo), FakeService.class);
        return repo;
    }

    private static void writeJar(Path jar, Class<?> main) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Class<?> type : List.of(FakeService.class, FakeService.Failing.class)) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
