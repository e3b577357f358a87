package org.openyjs.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openyjs.local.stack.Service;
import org.openyjs.local.stack.Stack;
import org.openyjs.local.stack.StackConfig;
import org.openyjs.testsupport.TestInfrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform for a test that drives it as its users would: the four services as separate
 * processes on free ports, on test-support's PostgreSQL (a fresh database each) and the given Kafka,
 * and the calls a user makes through the gateway.
 */
public final class PlatformUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stack stack;
    private final URI gateway;

    private PlatformUnderTest(Stack stack) {
        this.stack = stack;
        this.gateway = stack.url(Service.GATEWAY);
    }

    /** Starts the stack; its logs go to {@code target/<name>-logs}. */
    public static PlatformUnderTest start(String name, String kafkaBootstrapServers) throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath().getParent().getParent();
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        StackConfig.Builder config = StackConfig.builder(repoRoot)
                .logDir(Files.createDirectories(Path.of("target", name + "-logs")))
                .postgres(pg::newDatabase, pg.username(), pg.password())
                .kafka(kafkaBootstrapServers)
                .progress(line -> System.out.println("[" + name + "] " + line));
        try (FreePorts ports = new FreePorts()) {
            for (Service service : Service.values()) {
                config.port(service, ports.next());
            }
        }
        return new PlatformUnderTest(Stack.start(config.build()));
    }

    public URI gateway() {
        return gateway;
    }

    /** A service's own address, for what only the private network sees (probes, Prometheus). */
    public URI service(Service service) {
        return stack.url(service);
    }

    /** A demo user's token from the gateway (password = user name). */
    public String token(String user) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/auth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        expect(200, response);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /** A call through the gateway as the token's user; a non-null body goes as JSON. */
    public HttpResponse<String> send(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String token, String path, Object body) throws Exception {
        return send(token, "POST", path, body);
    }

    public HttpResponse<String> put(String token, String path, Object body) throws Exception {
        return send(token, "PUT", path, body);
    }

    public HttpResponse<String> get(String token, String path) throws Exception {
        return send(token, "GET", path, null);
    }

    /** Asserts the status, showing the call and the answer's body when it differs. */
    public static void expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s -> %s", response.request().method(), response.request().uri(),
                response.body()).isEqualTo(status);
    }

    @Override
    public void close() {
        stack.close();
    }
}
