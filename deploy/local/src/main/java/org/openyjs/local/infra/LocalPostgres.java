package org.openyjs.local.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** A real PostgreSQL server (zonky's packaged binaries) whose data directory outlives the process. */
final class LocalPostgres implements AutoCloseable {

    static final String USER = "postgres";
    static final String SHARED_BUFFERS = "64MB";
    static final int MAX_CONNECTIONS = 60;
    static final String WORK_MEM = "4MB";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts on the given port, running initdb only if dataDir is empty, and creates missing databases. */
    static LocalPostgres start(Path dataDir, int port, Path logFile, List<String> databases) throws IOException, SQLException {
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                // The launcher stops PostgreSQL itself, after the services and Kafka that use it.
                .setRegisterShutdownHook(false)
                // Text compared byte by byte: the order C.UTF-8 gives too (code points), without a strcoll call per
                // comparison, so index inserts on the text keys (event and child ids) cost 10-15% less. initdb reads
                // it, so a data directory made before keeps its C.UTF-8 collation; both order every value alike.
                .setLocaleConfig("lc-collate", "C")
                // zonky turns this off for throw-away test databases; this data is meant to last.
                .setServerConfig("synchronous_commit", "on")
                // Memory (docs/operations.md, "Memory of the local stack"): every backend maps the shared buffers,
                // and the operating system's page cache holds the files as well; the services' pools take 19
                // connections (zonky's default allows 300, each sizing shared memory); a sort or hash gets 4 MB.
                .setServerConfig("shared_buffers", SHARED_BUFFERS)
                .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                .setServerConfig("work_mem", WORK_MEM)
                // An autovacuum worth noticing (a second or more) goes into postgres.log: after a large import
                // it competes with everything else for the two cores.
                .setServerConfig("log_autovacuum_min_duration", "1s")
                // Crash recovery after an unclean stop can outlast zonky's 10 s default.
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        LocalPostgres local = new LocalPostgres(postgres);
        try {
            local.createMissing(databases);
        } catch (SQLException | RuntimeException e) {
            local.close();
            throw e;
        }
        return local;
    }

    /**
     * Stops a postmaster that still runs on dataDir because the launcher that started it was killed
     * (pg_ctl detaches PostgreSQL, so it outlives its JVM). Only call this when no live launcher uses dataDir.
     */
    static void stopOrphan(Path dataDir, Consumer<String> progress) throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return; // a stale pid file, which PostgreSQL handles itself
        }
        progress.accept("Stopping PostgreSQL left running by an earlier run (pid " + pid + ")");
        postmaster.get().destroy(); // SIGTERM: a smart shutdown, which completes once its clients are gone
        try {
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("PostgreSQL left by an earlier run (pid " + pid
                    + ") did not stop; stop it with: kill -INT " + pid, e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private void createMissing(List<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = connection.createStatement()) {
            for (String database : databases) {
                if (!DATABASE_NAME.matcher(database).matches()) {
                    throw new IllegalArgumentException("Not a plain database name: " + database);
                }
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        }
    }
}
