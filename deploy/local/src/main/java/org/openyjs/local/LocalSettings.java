package org.openyjs.local;

import org.openyjs.local.infra.LocalInfrastructure;
import org.openyjs.local.stack.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the launcher finds the jars and keeps its data, and which ports it uses; from the environment
 * (YJS_REPO_DIR, YJS_DATA_DIR, YJS_PG_PORT, YJS_KAFKA_PORT), with defaults that suit a checkout.
 */
record LocalSettings(Path repoRoot, Path dataDir, int postgresPort, int kafkaPort) {

    static final int DEFAULT_POSTGRES_PORT = 15432;
    static final int DEFAULT_KAFKA_PORT = 19092;

    static LocalSettings fromEnvironment(Map<String, String> env) {
        Path repoRoot = Optional.ofNullable(env.get("YJS_REPO_DIR")).map(Path::of).orElseGet(LocalSettings::findRepoRoot)
                .toAbsolutePath().normalize();
        Path dataDir = Optional.ofNullable(env.get("YJS_DATA_DIR")).map(Path::of)
                .orElse(repoRoot.resolve("deploy/local/data")).toAbsolutePath().normalize();
        return new LocalSettings(repoRoot, dataDir,
                port(env, "YJS_PG_PORT", DEFAULT_POSTGRES_PORT), port(env, "YJS_KAFKA_PORT", DEFAULT_KAFKA_PORT));
    }

    /** Stable for a data directory, so processes a killed launcher left behind can be recognised next time. */
    String stackId() {
        return "local-" + Integer.toHexString(dataDir.toString().hashCode());
    }

    Path logDir() {
        return infrastructure().logDir();
    }

    LocalInfrastructure.Settings infrastructure() {
        return new LocalInfrastructure.Settings(dataDir, postgresPort, kafkaPort, Service.databases());
    }

    /** Every port the stack will listen on, named for the message when one is taken. */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL", postgresPort);
        ports.put("Kafka", kafkaPort);
        ports.put("Kafka controller", kafkaPort + 1);
        for (Service service : Service.values()) {
            ports.put(service.artifact(), service.defaultPort());
        }
        return ports;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    /** Up from the launcher jar (deploy/local/target/local-stack.jar), else from the working directory. */
    private static Path findRepoRoot() {
        String classPath = System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0];
        return Stream.of(Path.of(classPath).toAbsolutePath(), Path.of("").toAbsolutePath())
                .flatMap(start -> Stream.iterate(start, p -> p != null, Path::getParent))
                .filter(dir -> Files.isRegularFile(dir.resolve("deploy/local/pom.xml")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Cannot find the repository root from " + classPath + " or the working directory; set YJS_REPO_DIR"));
    }
}
