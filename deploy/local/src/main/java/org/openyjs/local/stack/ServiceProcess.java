package org.openyjs.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One service running in its own JVM, its output going to its own log file. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Service service;
    private final Process process;
    private final URI baseUrl;
    private final Path logFile;

    private ServiceProcess(Service service, Process process, URI baseUrl, Path logFile) {
        this.service = service;
        this.process = process;
        this.baseUrl = baseUrl;
        this.logFile = logFile;
    }

    /** @param appendLog keep what the log holds (a restart after a kill): the first run's end is the evidence */
    static ServiceProcess launch(Service service, List<String> command, Map<String, String> environment,
                                 Path workingDir, Path logFile, int port, boolean appendLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(service, builder.start(), URI.create("http://localhost:" + port), logFile);
    }

    Service service() {
        return service;
    }

    URI baseUrl() {
        return baseUrl;
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** True once actuator health answers 200 with status UP; any failure to answer just means not yet. */
    boolean isHealthy() {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode body = JSON.readTree(response.body());
            return "UP".equals(body.path("status").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }
}
