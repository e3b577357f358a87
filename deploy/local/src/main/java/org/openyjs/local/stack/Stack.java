package org.openyjs.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The four services and the gateway, each in its own JVM, started together and each awaited until its actuator
 * health is UP. Closing stops them all and leaves no process behind.
 */
public final class Stack implements AutoCloseable {

    /**
     * Five of these JVMs plus Kafka and PostgreSQL fit in 2 GiB (the benchmark's memory.stack.total; why each
     * option: docs/operations.md, "Memory of the local stack"). The heap starts small and grows as the service
     * needs it, and Serial gives back what a collection leaves more than 30% free (the maximum, -Xmx, is per
     * service: {@link Service#maxHeapMiB()}); the other areas are capped. Full JIT (C1, then C2 for the hot
     * paths): once warm, commands have a much shorter tail and rebuilds run faster than with C1 alone, which starts faster (the
     * integration tests use it: {@code -XX:TieredStopAtLevel=1} through {@link #EXTRA_JVM_OPTIONS_PROPERTY}).
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:MaxMetaspaceSize=256m", "-XX:ReservedCodeCacheSize=128m",
            "-XX:MaxDirectMemorySize=64m", "-Djdk.nio.maxCachedBufferSize=1048576");
    /** Request threads of the servlet services: with 5-8 database connections on 2 cores, more only wait. */
    static final int TOMCAT_MAX_THREADS = 64;
    static final String STACK_ID_PROPERTY = "yjs.stack.id";
    /**
     * Options for every service JVM, given to the launcher as {@code -Dyjs.stack.jvm-options="..."}; they come
     * after {@link #JVM_OPTIONS} and so win, e.g. {@code -XX:TieredStopAtLevel=1} for C1 only (the benchmark's --c1-only, the integration tests).
     */
    public static final String EXTRA_JVM_OPTIONS_PROPERTY = "yjs.stack.jvm-options";

    /** The options every service JVM starts with after its -Xmx: {@link #JVM_OPTIONS}, then any given by the property. */
    public static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        String extra = System.getProperty(EXTRA_JVM_OPTIONS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** A service's JVM options in the stack: its -Xmx, C1 only where it says so, {@link #jvmOptions()}, then its own. */
    public static List<String> jvmOptions(Service service) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + service.maxHeapMiB() + "m");
        if (!service.fullJit()) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        options.addAll(jvmOptions());
        options.addAll(service.jvmOptions());
        return options;
    }

    /** Requests per second (and burst) per user at the local gateway, given to the launcher as a system property. */
    public static final String RATE_LIMIT_PROPERTY = "yjs.stack.rate-limit";
    /** How much of a dead service's log its error message quotes. */
    private static final int LOG_LINES_ON_FAILURE = 20;
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final StackConfig config;
    private final List<ServiceProcess> processes = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    public Stack(StackConfig config) {
        this.config = config;
    }

    /** Starts every service and returns once all are UP; on failure stops what it started and throws. */
    public static Stack start(StackConfig config) throws IOException, InterruptedException {
        Stack stack = new Stack(config);
        stack.startServices();
        return stack;
    }

    /**
     * Like {@link #start}, for a caller that must be able to {@link #close()} the stack from another
     * thread (a shutdown hook) while it is still starting.
     */
    public void startServices() throws IOException, InterruptedException {
        requireJars();
        Files.createDirectories(config.logDir());
        try {
            // All at once: the back ends and the gateway fetch the auth server's keys only when the first token comes,
            // and the gateway reaches a back end only when a request does. Started after the others, the gateway's
            // own start (about 9 s on 2 cores) came on top of theirs; beside them it shares the cores they leave.
            List<Service> all = new ArrayList<>(Service.backEnds());
            all.add(Service.AUTH);
            all.add(Service.GATEWAY);
            config.progress().accept("Starting " + names(all) + " (logs in " + config.logDir() + ")");
            awaitHealthy(launch(all));
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public URI url(Service service) {
        return URI.create("http://localhost:" + config.port(service));
    }

    public Path logFile(Service service) {
        return config.logDir().resolve(service.artifact() + ".log");
    }

    /** Completes when the first service exits, with a line saying which, how, and where its log is. */
    public synchronized CompletableFuture<String> firstExit() {
        CompletableFuture<String> first = new CompletableFuture<>();
        for (ServiceProcess process : processes) {
            process.onExit().thenRun(() -> first.complete(process.service().artifact()
                    + " exited with code " + process.exitValue() + "; see " + process.logFile()
                    + lastLines(process.logFile(), LOG_LINES_ON_FAILURE)));
        }
        return first;
    }

    /**
     * Kills the service's JVM at once (SIGKILL, as a crash or an OOM killer would: no shutdown hooks, nothing
     * flushed) and waits until it has gone. For the fault-injection tests.
     */
    public void kill(Service service) throws InterruptedException {
        ServiceProcess process = process(service);
        process.handle().destroyForcibly();
        try {
            process.onExit().get(KILL_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(service.artifact() + " did not die within " + KILL_WAIT.toSeconds() + " s", e);
        }
    }

    /** Starts the service again (after {@link #kill}) on the same port, and returns once it is UP. */
    public void restart(Service service) throws IOException, InterruptedException {
        if (process(service).isAlive()) {
            throw new IllegalStateException(service.artifact() + " is still running");
        }
        restart(service, List.of());
    }

    /**
     * Stops the service if it runs (SIGTERM, 20 s grace, as {@link #close}) and starts it again on the same port
     * with these JVM options after all others (so they win), e.g. {@code -Daxon...batch-size=1} for a baseline;
     * an empty list starts it as normal again. Returns once it is UP.
     */
    public void restart(Service service, List<String> extraJvmOptions) throws IOException, InterruptedException {
        ServiceProcess old = process(service);
        if (old.isAlive()) {
            stop(List.of(old.handle()), STOP_GRACE);
        }
        ServiceProcess process;
        synchronized (this) {
            processes.remove(old);
            process = ServiceProcess.launch(service, command(service, extraJvmOptions), environment(service),
                    config.repoRoot(), logFile(service), config.port(service), true);
            processes.add(process);
        }
        awaitHealthy(List.of(process));
    }

    private synchronized ServiceProcess process(Service service) {
        return processes.stream().filter(p -> p.service() == service).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(service.artifact() + " was not started"));
    }

    /** The processes, here or left by an earlier run, that were started with this stack id. */
    public static List<ProcessHandle> processesOf(String stackId) {
        String marker = "-D" + STACK_ID_PROPERTY + "=" + stackId;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> Arrays.asList(args).contains(marker)).orElse(false))
                .toList();
    }

    /** Stops every service and its children (see {@link #stop}), giving them 20 s to shut down. Safe to call twice. */
    @Override
    public void close() {
        List<ProcessHandle> services;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            services = processes.stream().map(ServiceProcess::handle).toList();
            if (!processes.isEmpty()) {
                config.progress().accept("Stopping " + names(processes.stream().map(ServiceProcess::service).toList()));
            }
        }
        stop(services, STOP_GRACE);
    }

    /**
     * Stops processes and their descendants: SIGTERM, then SIGKILL to whatever is left after the grace
     * period. Returns once they are all gone or will not go.
     */
    public static void stop(List<ProcessHandle> processes, Duration grace) {
        // Collected first: once a parent has gone, its children can no longer be found from it.
        List<ProcessHandle> tree = processes.stream()
                .flatMap(p -> Stream.concat(p.descendants(), Stream.of(p)))
                .toList();
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, grace);
        List<ProcessHandle> stubborn = tree.stream().filter(ProcessHandle::isAlive).toList();
        stubborn.forEach(ProcessHandle::destroyForcibly);
        awaitExit(stubborn, KILL_WAIT);
    }

    private void requireJars() {
        List<String> missing = Arrays.stream(Service.values())
                .map(s -> s.jar(config.repoRoot()))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing service jar(s): " + String.join(", ", missing)
                    + ". Build them first: mvn -B -DskipTests package (or deploy/local/run.sh --build)");
        }
    }

    private synchronized List<ServiceProcess> launch(List<Service> services) throws IOException {
        List<ServiceProcess> launched = new ArrayList<>();
        for (Service service : services) {
            if (closed) {
                throw new IllegalStateException("The stack was stopped while starting");
            }
            ServiceProcess process = ServiceProcess.launch(service, command(service, List.of()), environment(service),
                    config.repoRoot(), logFile(service), config.port(service), false);
            processes.add(process);
            launched.add(process);
        }
        return launched;
    }

    private List<String> command(Service service, List<String> serviceJvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(service));
        command.addAll(serviceJvmOptions);
        command.add("-D" + STACK_ID_PROPERTY + "=" + config.stackId());
        command.add("-jar");
        command.add(service.jar(config.repoRoot()).toString());
        return command;
    }

    private Map<String, String> environment(Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", String.valueOf(config.port(service)));
        service.database().ifPresent(database -> {
            env.put("SPRING_DATASOURCE_URL", config.jdbcUrls().apply(database));
            env.put("SPRING_DATASOURCE_USERNAME", config.databaseUser());
            env.put("SPRING_DATASOURCE_PASSWORD", config.databasePassword());
            env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
            env.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", String.valueOf(service.connections()));
        });
        if (service != Service.GATEWAY) { // the gateway is reactive (Netty): no request thread pool
            env.put("SERVER_TOMCAT_THREADS_MAX", String.valueOf(TOMCAT_MAX_THREADS));
        }
        String issuer = url(Service.AUTH).toString();
        if (service == Service.AUTH) {
            // The documented demo users; the signing key is made once and kept in the data directory.
            env.put("SPRING_PROFILES_ACTIVE", "local");
            env.put("YJS_AUTH_ISSUER", issuer);
            env.put("YJS_AUTH_SIGNING_KEY_FILE", config.authKeyFile().toString());
        } else {
            env.put("YJS_AUTH_ISSUER_URI", issuer);
            env.put("YJS_AUTH_JWK_SET_URI", issuer + "/oauth2/jwks");
        }
        if (service == Service.GATEWAY) {
            env.put("YJS_AUTH_TOKEN_URI", issuer + "/oauth2/token");
            env.put("CASE_SERVICE_URL", url(Service.CASE).toString());
            env.put("PANEL_SERVICE_URL", url(Service.PANEL).toString());
            env.put("KPI_SERVICE_URL", url(Service.KPI).toString());
            // One person and the demo loader use a local stack: a higher per-user rate than production's 50/s.
            // The benchmark lifts it out of the way (it measures the platform, not the limiter).
            env.put("YJS_RATE_LIMIT_PER_SECOND", System.getProperty(RATE_LIMIT_PROPERTY, "500"));
            env.put("YJS_RATE_LIMIT_BURST", System.getProperty(RATE_LIMIT_PROPERTY, "1000"));
        }
        return env;
    }

    /** Polls all starting services together, so one that dies is reported at once, not after the others. */
    private void awaitHealthy(List<ServiceProcess> starting) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(config.startupTimeout());
        List<ServiceProcess> pending = new ArrayList<>(starting);
        while (!pending.isEmpty()) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("The stack was stopped while starting");
                }
            }
            for (Iterator<ServiceProcess> it = pending.iterator(); it.hasNext(); ) {
                ServiceProcess process = it.next();
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.service().artifact() + " exited with code "
                            + process.exitValue() + " while starting; see " + process.logFile()
                            + lastLines(process.logFile(), LOG_LINES_ON_FAILURE));
                }
                if (process.isHealthy()) {
                    it.remove();
                    config.progress().accept(process.service().artifact() + " is up on " + process.baseUrl()
                            + " (" + Duration.between(start, Instant.now()).toSeconds() + " s)");
                }
            }
            if (!pending.isEmpty() && Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(pending.stream()
                        .map(p -> p.service().artifact() + " (see " + p.logFile() + ")")
                        .collect(Collectors.joining(", "))
                        + " did not report UP on /actuator/health within " + config.startupTimeout().toSeconds() + " s");
            }
            if (!pending.isEmpty()) {
                Thread.sleep(500);
            }
        }
    }

    /** The log's last lines, indented under the message, so the reason is read where the failure is reported. */
    static String lastLines(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                    .map(line -> "\n    " + line)
                    .collect(Collectors.joining("", "\nIts last lines:", ""));
        } catch (IOException | UncheckedIOException e) {
            return ""; // no log to show: the path in the message is all there is
        }
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (ProcessHandle process : processes) {
            long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                process.onExit().get(remaining, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return; // the caller deals with what is still alive
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String names(List<Service> services) {
        return services.stream().map(Service::artifact).collect(Collectors.joining(", "));
    }
}
