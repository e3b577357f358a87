package org.openyjs.local.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What {@link Stack} needs to start the services: where the jars are, where PostgreSQL and Kafka are,
 * which ports to use. Build it with {@link #builder(Path)}.
 *
 * @param stackId        passed to every service JVM as {@code -Dyjs.stack.id}, so its processes can be found
 * @param repoRoot       the repository root, holding {@code <service>/target/<service>.jar}
 * @param logDir         where {@code <service>.log} goes
 * @param jdbcUrls       from a service's database name (case_service, ...) to its JDBC URL
 * @param ports          the HTTP port of every service
 * @param progress       told what is starting and stopping, one line at a time
 * @param authKeyFile    where the auth server keeps its signing key (generated on first start)
 */
public record StackConfig(String stackId, Path repoRoot, Path logDir, UnaryOperator<String> jdbcUrls,
                          String databaseUser, String databasePassword, String kafkaBootstrapServers,
                          Map<Service, Integer> ports, Duration startupTimeout, Consumer<String> progress,
                          Path authKeyFile) {

    public StackConfig {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(jdbcUrls, "jdbcUrls: call postgres(...)");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers: call kafka(...)");
        ports = Map.copyOf(ports);
        Objects.requireNonNull(authKeyFile, "authKeyFile");
    }

    public int port(Service service) {
        return ports.get(service);
    }

    public static Builder builder(Path repoRoot) {
        return new Builder(repoRoot);
    }

    public static final class Builder {

        private final Path repoRoot;
        private String stackId = "stack-" + UUID.randomUUID().toString().substring(0, 8);
        private Path logDir;
        private UnaryOperator<String> jdbcUrls;
        private String databaseUser;
        private String databasePassword;
        private String kafkaBootstrapServers;
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private Duration startupTimeout = Duration.ofSeconds(180);
        private Consumer<String> progress = line -> { };
        private Path authKeyFile;

        private Builder(Path repoRoot) {
            this.repoRoot = repoRoot;
            for (Service service : Service.values()) {
                ports.put(service, service.defaultPort());
            }
        }

        public Builder stackId(String stackId) {
            this.stackId = stackId;
            return this;
        }

        /** Default: {@code auth-server/signing-key.json} beside the log directory (in the data directory). */
        public Builder authKeyFile(Path authKeyFile) {
            this.authKeyFile = authKeyFile;
            return this;
        }

        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** jdbcUrls maps a database name (case_service, panel_service, kpi_service) to its JDBC URL. */
        public Builder postgres(UnaryOperator<String> jdbcUrls, String user, String password) {
            this.jdbcUrls = jdbcUrls;
            this.databaseUser = user;
            this.databasePassword = password;
            return this;
        }

        public Builder kafka(String bootstrapServers) {
            this.kafkaBootstrapServers = bootstrapServers;
            return this;
        }

        public Builder port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        /** How long each service may take to report UP (default 180 s: a busy 2-core machine starting five JVMs). */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public Builder progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        public StackConfig build() {
            return new StackConfig(stackId, repoRoot, logDir, jdbcUrls, databaseUser, databasePassword,
                    kafkaBootstrapServers, ports, startupTimeout, progress, authKeyFile != null ? authKeyFile
                    : logDir.toAbsolutePath().getParent().resolve("auth-server").resolve("signing-key.json"));
        }
    }
}
