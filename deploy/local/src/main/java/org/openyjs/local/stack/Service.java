package org.openyjs.local.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The processes of the platform, as the launcher starts them. */
public enum Service {

    /**
     * The import's 4 workers, the publishing processor and requests share its connections. A young generation of its
     * own like kpi-service's: an import's batches outlived the small one and filled the old generation.
     */
    CASE("case-service", "case_service", 8081, 256, 8, true, "-Xms192m", "-Xmn96m"),
    /**
     * Its read-model processor, publishing, the deadline scheduler (2 threads) and requests; it consumes every case
     * event an import records, hence a young generation of its own too.
     */
    PANEL("panel-service", "panel_service", 8082, 192, 6, true, "-Xms160m", "-Xmn80m"),
    /**
     * Three Kafka consumer threads, each writing a poll (up to 2,000 records) per transaction, and the KPI queries.
     * A young generation of its own size: a poll's records live as long as its transaction (100-300 ms in a replay),
     * and in the small young generation the shrinking heap leaves they were promoted and filled the old generation,
     * a full collection every half second stopping all three threads (a third of a rebuild's time at 1M events).
     */
    KPI("kpi-service", "kpi_service", 8083, 256, 5, true, "-Xms192m", "-Xmn96m"),
    /**
     * The local OAuth 2 issuer (Spring Authorization Server): no database, its key in the data directory. C1 only:
     * it signs a token per sign-in, never a hot path worth C2's compiler memory.
     */
    AUTH("auth-server", null, 9000, 96, 0, false),
    /** No database: it routes to the others. */
    GATEWAY("gateway", null, 8080, 128, 0, true);

    private final String artifact;
    private final String database;
    private final int defaultPort;
    private final int maxHeapMiB;
    private final int connections;
    private final boolean fullJit;
    private final List<String> jvmOptions;

    Service(String artifact, String database, int defaultPort, int maxHeapMiB, int connections, boolean fullJit,
            String... jvmOptions) {
        this.artifact = artifact;
        this.database = database;
        this.defaultPort = defaultPort;
        this.maxHeapMiB = maxHeapMiB;
        this.connections = connections;
        this.fullJit = fullJit;
        this.jvmOptions = List.of(jvmOptions);
    }

    /** JVM options of this service alone, after the stack's own ({@link Stack#jvmOptions()}). */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Whether its JVM compiles hot paths with C2 as well as C1 (docs/operations.md, "Throughput settings"). */
    public boolean fullJit() {
        return fullJit;
    }

    /** The JVM's -Xmx in the local stack (docs/operations.md, "Memory of the local stack"). */
    public int maxHeapMiB() {
        return maxHeapMiB;
    }

    /** Its Hikari pool in the local stack (spring.datasource.hikari.maximum-pool-size); 0 without a database. */
    public int connections() {
        return connections;
    }

    /** The module directory and jar name, e.g. case-service. */
    public String artifact() {
        return artifact;
    }

    /** The service's own database, empty for the gateway. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Where the build leaves the executable jar, relative to the repository root. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(artifact).resolve("target").resolve(artifact + ".jar");
    }

    /** The services with a database, which the gateway needs up before it starts. */
    public static List<Service> backEnds() {
        return Arrays.stream(values()).filter(s -> s.database != null).toList();
    }

    public static List<String> databases() {
        return backEnds().stream().map(s -> s.database).toList();
    }
}
