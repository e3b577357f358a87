package org.openyjs.local.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The processes of the platform, as the launcher starts them. */
public enum Service {

    CASE("case-service", "case_service", 8081),
    PANEL("panel-service", "panel_service", 8082),
    KPI("kpi-service", "kpi_service", 8083),
    /** The local OAuth 2 issuer (Spring Authorization Server): no database, its key in the data directory. */
    AUTH("auth-server", null, 9000),
    /** No database: it routes to the others. */
    GATEWAY("gateway", null, 8080);

    private final String artifact;
    private final String database;
    private final int defaultPort;

    Service(String artifact, String database, int defaultPort) {
        this.artifact = artifact;
        this.database = database;
        this.defaultPort = defaultPort;
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
