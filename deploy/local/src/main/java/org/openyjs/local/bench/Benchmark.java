package org.openyjs.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openyjs.local.Ports;
import org.openyjs.local.demo.GatewayClient;
import org.openyjs.local.generator.Caseload;
import org.openyjs.local.generator.CaseloadGenerator;
import org.openyjs.local.generator.JsonLines;
import org.openyjs.local.generator.RowRequests;
import org.openyjs.local.infra.LocalInfrastructure;
import org.openyjs.local.stack.Service;
import org.openyjs.local.stack.Stack;
import org.openyjs.local.stack.StackConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Measures the platform on this machine: a fresh stack (PostgreSQL, Kafka, four service JVMs) in a
 * temporary data directory, then
 * <ol>
 *   <li>commands through the gateway at fixed rates, open loop (each request is due at its scheduled
 *       time; latency counts from then) in two mixes: {@code mixed}, half registering a child (one event), half
 *       recording an offence with its out-of-court outcome (two events) for a child registered earlier in the
 *       phase; and {@code recording}, every request recording an offence with its outcome for one of the children
 *       registered during the warm-up (two events each, as a caseload is mostly recording on existing cases);
 *       beside the same rate of {@code GET /actuator/health} on the gateway (the HTTP floor);</li>
 *   <li>an import of a generated file through {@code POST /api/cases/imports}, and its re-run;</li>
 *   <li>the append ceiling: plain JDBC batch inserts into a scratch table in the same PostgreSQL;</li>
 *   <li>the resident memory of each service JVM, PostgreSQL and this launcher.</li>
 * </ol>
 * Prints one line per figure: {@code name value unit conditions}. Not a test: run deploy/local/benchmark.sh.
 */
public final class Benchmark {

    private static final String USAGE = """
            Usage: deploy/local/benchmark.sh [--c1-only] [--rates 250,500,1000] [--mixes mixed,recording] [--seconds 20]
                                             [--import-events 100000]
                                             [--freshness-load 310] [--freshness-probes 20] [--kpi-queries 600]
                                             [--panel-cases 2000] [--warm-up 40] [--jfr DIR]
              --c1-only           run the service JVMs with the C1 compiler only (the stack default is full JIT)
              --rates             command rates to hold, requests per second
              --mixes             command mixes to hold each rate with: mixed (half registrations, 1.5 events
                                  per request), recording (offences with outcomes on registered children, 2 events)
              --seconds           how long to hold each rate (and the freshness run)
              --import-events     about how many case events the generated history to import holds
              --freshness-load    background commands per second during the freshness run (1.5 events each)
              --freshness-probes  probe commands per second (each a first youth caution: two events) during it
              --kpi-queries       KPI queries to time after the import
              --panel-cases       most panel decisions of the generated history to load through panel-service's API
              --scenarios         which parts to run, comma-separated (default all):
                                  commands,freshness,import,read-side,ceiling,memory
                                  (read-side times KPI queries and the rebuild of what the import brought)
              --warm-up           seconds of the mixed load at 200 req/s before the command phases (default 40,
                                  10 with --c1-only; C2 needs about 90 s to finish compiling the hot paths)
              --jfr DIR           record each service JVM's Java Flight Recording (profile settings) over each
                                  command phase into DIR/<service>-<rate>-<mix>.jfr
              --keep-logs DIR     copy every process's log (services, PostgreSQL, Kafka) into DIR before the
                                  temporary data directory is removed""";

    static final List<String> SCENARIOS = List.of("commands", "freshness", "import", "read-side", "ceiling", "memory");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** kpi-service's histogram of how old an event is when its facts are committed (IntegrationEventListener). */
    private static final String STALENESS = "kpi_read_model_staleness_seconds";
    private static final LocalDate BORN = LocalDate.of(2010, 1, 15);

    private final List<Integer> rates;
    private final int seconds;
    private final int importEvents;
    private final boolean c1Only;
    private int freshnessLoad = 310;
    private int freshnessProbes = 20;
    private int kpiQueries = 600;
    private int panelCasesCap = 2000;
    private List<String> scenarios = SCENARIOS;
    private List<Mix> mixes = List.of(Mix.MIXED, Mix.RECORDING);
    private int warmUpSeconds = -1;
    private Path jfrDir;
    private Path keepLogs;
    /** Children registered during the warm-up: the {@code recording} mix records offences for them. */
    private final List<String> warmChildren = new ArrayList<>();
    /** Offence ids, unique over the run: the recording mix records several offences for each child. */
    private final java.util.concurrent.atomic.AtomicLong offenceIds = new java.util.concurrent.atomic.AtomicLong();
    /** Most requests outstanding at once; one due while this many are unanswered is not sent, and counts as an error. */
    private static final int MAX_OUTSTANDING = 512;
    /** Connections the load generator keeps open to the gateway (more than the stack serves at once). */
    private static final int LOAD_CONNECTIONS = 128;
    private HttpClient http = newClient();
    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private LocalInfrastructure infrastructure;
    private Stack stack;
    private Path dataDir;
    private URI gateway;
    private String practitioner;
    private String admin;
    private ReadSideFigures readSide;
    private long historyEvents;

    private Benchmark(List<Integer> rates, int seconds, int importEvents, boolean c1Only) {
        this.rates = rates;
        this.seconds = seconds;
        this.importEvents = importEvents;
        this.c1Only = c1Only;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> rates = List.of(250, 500, 1000);
        int seconds = 20;
        int importEvents = 100_000;
        boolean c1Only = false;
        int freshnessLoad = 310;
        int freshnessProbes = 20;
        int kpiQueries = 600;
        int panelCases = 2000;
        List<String> scenarios = SCENARIOS;
        List<Mix> mixes = List.of(Mix.MIXED, Mix.RECORDING);
        int warmUp = -1;
        Path jfrDir = null;
        Path keepLogs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--c1-only" -> c1Only = true;
                case "--rates" -> rates = Stream.of(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--mixes" -> {
                    try {
                        mixes = Stream.of(args[++i].split(",")).map(String::trim).map(Mix::named).toList();
                    } catch (IllegalArgumentException e) {
                        System.err.println(e.getMessage() + "\n" + USAGE);
                        System.exit(2);
                    }
                }
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--import-events" -> importEvents = Integer.parseInt(args[++i]);
                case "--freshness-load" -> freshnessLoad = Integer.parseInt(args[++i]);
                case "--freshness-probes" -> freshnessProbes = Integer.parseInt(args[++i]);
                case "--kpi-queries" -> kpiQueries = Integer.parseInt(args[++i]);
                case "--panel-cases" -> panelCases = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                case "--jfr" -> jfrDir = Path.of(args[++i]).toAbsolutePath();
                case "--keep-logs" -> keepLogs = Path.of(args[++i]).toAbsolutePath();
                case "--scenarios" -> {
                    scenarios = Stream.of(args[++i].split(",")).map(String::trim).toList();
                    if (!SCENARIOS.containsAll(scenarios)) {
                        System.err.println("unknown scenario in " + scenarios + "\n" + USAGE);
                        System.exit(2);
                    }
                }
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        Benchmark benchmark = new Benchmark(rates, seconds, importEvents, c1Only);
        benchmark.freshnessLoad = freshnessLoad;
        benchmark.freshnessProbes = freshnessProbes;
        benchmark.kpiQueries = kpiQueries;
        benchmark.panelCasesCap = panelCases;
        benchmark.scenarios = scenarios;
        benchmark.mixes = mixes;
        benchmark.warmUpSeconds = warmUp;
        benchmark.jfrDir = jfrDir;
        benchmark.keepLogs = keepLogs;
        Thread stopper = new Thread(benchmark::stop, "benchmark-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            benchmark.run();
        } finally {
            benchmark.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException stopping) {
                // Ctrl-C or SIGTERM: the hook is running already; stop() is safe to run twice.
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long began = System.nanoTime();
        String jit = c1Only ? "C1-only" : "C1+C2";
        say("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + memTotal() + ", Java " + System.getProperty("java.version") + "; service JVMs " + jit);
        // Before anything else runs: how fast the machine is today, so runs on different days can be compared.
        List<String> machine = List.of(
                line("machine.cpu", MachineSpeed.hashRate(), "MiB/s", "SHA-256 on one thread of the launcher JVM "
                        + "before the stack starts: the machine's speed, to compare runs by"),
                line("machine.fsync", MachineSpeed.fsyncMillis(Path.of(System.getProperty("java.io.tmpdir"))), "ms",
                        "per 8 KiB write forced to the disk (what a commit waits for), 200 in the temporary directory"));
        MachineSpeed.Ticks ticksBefore = MachineSpeed.Ticks.now();
        start();
        practitioner = token("practitioner");
        admin = token("admin");

        if (scenarios.contains("commands") || scenarios.contains("freshness")) {
            // C2 compiles the hot paths over the first tens of seconds: warm it for longer.
            int warmUp = warmUpSeconds >= 0 ? warmUpSeconds : c1Only ? 10 : 40;
            say("Warming up (" + warmUp + " s at 200 req/s)");
            warmChildren.addAll(loadPhase("warm-up", 200, warmUp, Mix.MIXED).registered);
        }

        List<String> lines = new ArrayList<>(machine);
        for (int rate : scenarios.contains("commands") ? rates : List.<Integer>of()) {
            for (Mix mix : mixes) {
                lines.addAll(commandFigures(rate, mix, jit));
                print(lines);
            }
        }

        readSide = new ReadSideFigures(new GatewayClient(gateway), infrastructure.kafkaBootstrapServers());
        if (scenarios.contains("freshness")) {
            say("Freshness: " + freshnessProbes + " probe commands/s among " + freshnessLoad + " commands/s for " + seconds + " s");
            lines.addAll(freshnessFigures(jit));
            print(lines);
        }
        if (scenarios.contains("import")) {
            say("Import of a generated history of about " + importEvents + " events");
            lines.addAll(importFigures(jit));
            print(lines);
        }
        if (scenarios.contains("read-side")) {
            say("Read side: kpi-service catching up, KPI queries, raw Kafka consumption, rebuild");
            lines.addAll(readSideFigures(jit));
            print(lines);
        }
        if (scenarios.contains("ceiling")) {
            say("Append ceiling: JDBC batch insert into a scratch table");
            lines.add(appendCeiling());
        }
        if (scenarios.contains("memory")) {
            lines.addAll(memory());
        }
        lines.add(line("machine.steal", MachineSpeed.Ticks.now().stealPercentSince(ticksBefore), "%",
                "of the machine's CPU time taken by the hypervisor for others over the whole run (/proc/stat)"));
        print(lines);
        say("Done in " + Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s");
    }

    /** One phase of commands at {@code rate} in the given mix, after 5 s of the HTTP floor at the same rate. */
    private List<String> commandFigures(int rate, Mix mix, String jit) throws InterruptedException {
        List<String> figures = new ArrayList<>();
        say("Baseline: GET /actuator/health on the gateway at " + rate + " req/s for 5 s");
        Phase floor = loadPhase("floor", rate, 5, Mix.HEALTH);
        say("Commands (" + mix.label + ") at " + rate + " req/s for " + seconds + " s");
        long eventsBefore = storedEvents();
        jfr("start", rate, mix);
        CpuUse cpuBefore = CpuUse.now(dataDir.toString());
        Phase commands = loadPhase("commands", rate, seconds, mix);
        CpuUse cpuAfter = CpuUse.now(dataDir.toString());
        jfr("stop", rate, mix);
        long events = storedEvents() - eventsBefore;
        String conditions = "target=" + rate + "/s open-loop " + seconds + "s via-gateway mix=" + mix.label
                + " (" + mix.description + ") jit=" + jit;
        figures.add(line("commands.rate", commands.achievedRate(), "req/s", conditions
                + " ok=" + commands.ok + " errors=" + commands.errors + errors(commands)));
        figures.add(line("commands.recorded", events / commands.elapsedSeconds(), "events/s", conditions
                + " (rows added to domainevententry / " + fmt(commands.elapsedSeconds())
                + "s from the first request due to the last answer)"));
        figures.add(line("commands.p50", Latencies.millis(commands.latencies.percentile(50)), "ms", conditions + " (of requests sent)"));
        figures.add(line("commands.p99", Latencies.millis(commands.latencies.percentile(99)), "ms", conditions + " (of requests sent)"));
        figures.add(line("commands.cpu", cpuAfter.totalSince(cpuBefore) * 1000 / Math.max(1, commands.ok), "ms/request",
                conditions + "; CPU per acknowledged request over the phase (publishing and consumers included), by process: "
                        + cpuAfter.perUnitSince(cpuBefore, commands.ok)));
        figures.add(line("baseline.http-floor.p50", Latencies.millis(floor.latencies.percentile(50)), "ms",
                "GET gateway /actuator/health target=" + rate + "/s 5s achieved=" + fmt(floor.achievedRate())
                        + "/s errors=" + floor.errors));
        figures.add(line("baseline.http-floor.p99", Latencies.millis(floor.latencies.percentile(99)), "ms",
                "GET gateway /actuator/health target=" + rate + "/s 5s"));
        return figures;
    }

    /** With --jfr: starts or stops a flight recording in each service JVM (through jcmd) around a command phase. */
    private void jfr(String action, int rate, Mix mix) {
        if (jfrDir == null) {
            return;
        }
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        for (Service service : Service.values()) {
            Optional<ProcessHandle> process = CpuUse.processOf(service);
            if (process.isEmpty()) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(process.get().pid()),
                    "JFR." + action, "name=bench"));
            if (action.equals("start")) {
                command.add("settings=profile");
                command.add("filename=" + jfrDir.resolve(service.artifact() + "-" + rate + "-" + mix.label + ".jfr"));
            }
            try {
                Files.createDirectories(jfrDir);
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor();
            } catch (IOException e) {
                say("jcmd " + action + " failed for " + service.artifact() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---------------------------------------------------------------- the stack

    private void start() throws Exception {
        dataDir = Files.createTempDirectory("yjs-bench-");
        Files.createDirectories(dataDir.resolve("logs"));
        // Kafka and zonky log through SLF4J: into a file, so the terminal shows only the figures.
        System.setProperty("org.slf4j.simpleLogger.logFile", dataDir.resolve("logs/launcher.log").toString());
        int pg = Ports.isFree(15432) ? 15432 : freePort();
        int kafka = Ports.isFree(19092) && Ports.isFree(19093) ? 19092 : freePortPair();
        infrastructure = new LocalInfrastructure(new LocalInfrastructure.Settings(dataDir, pg, kafka, Service.databases()),
                Benchmark::say);
        say("Starting PostgreSQL (" + pg + ") and Kafka (" + kafka + ") in " + dataDir);
        infrastructure.start();
        if (c1Only) {
            System.setProperty(Stack.EXTRA_JVM_OPTIONS_PROPERTY, "-XX:TieredStopAtLevel=1");
        }
        // The load generator is one user sending far above any per-user limit; measure the platform, not the limiter.
        System.setProperty(Stack.RATE_LIMIT_PROPERTY, "1000000");
        StackConfig.Builder config = StackConfig.builder(repoRoot())
                .stackId("bench-" + UUID.randomUUID().toString().substring(0, 8))
                .logDir(dataDir.resolve("logs"))
                .postgres(infrastructure::jdbcUrl, infrastructure.postgresUser(), "postgres")
                .kafka(infrastructure.kafkaBootstrapServers())
                .progress(Benchmark::say);
        for (Service service : Service.values()) {
            config.port(service, Ports.isFree(service.defaultPort()) ? service.defaultPort() : freePort());
        }
        // Assigned before it starts, so a Ctrl-C during start-up (stop() in the shutdown hook) stops what started.
        Stack starting = new Stack(config.build());
        synchronized (this) {
            stack = starting;
        }
        starting.startServices();
        gateway = starting.url(Service.GATEWAY);
    }

    private synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        if (infrastructure != null) {
            try {
                infrastructure.close();
            } catch (IOException e) {
                System.err.println("Could not stop PostgreSQL cleanly: " + e.getMessage());
            }
            infrastructure = null;
        }
        if (dataDir != null && keepLogs != null) {
            copyLogs(dataDir.resolve("logs"), keepLogs);
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                System.err.println("Could not delete " + dataDir + ": " + e.getMessage());
            }
            dataDir = null;
        }
    }

    /** The logs, kept for a look at what a figure hides (e.g. kpi-service's rebuild steps), before the rest goes. */
    private static void copyLogs(Path logs, Path into) {
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = into.resolve(logs.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            System.err.println("Logs kept in " + into);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not keep the logs in " + into + ": " + e.getMessage());
        }
    }

    private static Path repoRoot() {
        String env = System.getenv("YJS_REPO_DIR");
        Path start = env != null ? Path.of(env) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run from the repository (or set YJS_REPO_DIR)");
    }

    // ---------------------------------------------------------------- open-loop load

    /** What a phase sends. */
    enum Mix {
        HEALTH("health", "GET /actuator/health"),
        MIXED("mixed", "half registrations, half offences with outcomes: 1.5 events/request"),
        RECORDING("recording", "offences with outcomes for children registered in the warm-up: 2 events/request");

        final String label;
        final String description;

        Mix(String label, String description) {
            this.label = label;
            this.description = description;
        }

        static Mix named(String label) {
            return Stream.of(MIXED, RECORDING).filter(m -> m.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown mix: " + label));
        }
    }

    /** What one phase did: requests sent on schedule, answered 2xx or not, and how long each took. */
    private static final class Phase {
        final Latencies latencies = new Latencies();
        final Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        volatile int ok;
        volatile int errors;
        final AtomicInteger okCount = new AtomicInteger();
        final AtomicInteger errorCount = new AtomicInteger();
        long firstScheduled;
        long lastCompleted;
        int sent;

        final AtomicInteger outstanding = new AtomicInteger();
        int notSent;
        /** The children this phase registered (answered 2xx). */
        final List<String> registered = java.util.Collections.synchronizedList(new ArrayList<>());

        double elapsedSeconds() {
            return Math.max(1e-9, (lastCompleted - firstScheduled) / 1e9);
        }

        double achievedRate() {
            return okCount.get() / elapsedSeconds();
        }
    }

    /**
     * Holds {@code rate} requests per second for {@code seconds}: the i-th request is sent at its scheduled time
     * (or at once, if the sender is late) without waiting for earlier answers, and its latency is measured from
     * the scheduled time. Then waits up to 30 s for the answers still outstanding (unanswered: errors).
     */
    private Phase loadPhase(String name, int rate, int seconds, Mix mix) throws InterruptedException {
        if (mix == Mix.RECORDING && warmChildren.isEmpty()) {
            throw new IllegalStateException("the recording mix needs the children registered during the warm-up");
        }
        Phase phase = new Phase();
        ConcurrentLinkedQueue<String> registered = new ConcurrentLinkedQueue<>();
        int total = rate * seconds;
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        // Fresh connections per phase: none an earlier, overloaded phase left behind carry over.
        try (KeepAliveClient load = new KeepAliveClient(gateway, LOAD_CONNECTIONS)) {
            long start = System.nanoTime() + 20_000_000L;
            phase.firstScheduled = start;
            for (int i = 0; i < total; i++) {
                long due = Latencies.scheduledAt(start, i, rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (phase.outstanding.get() >= MAX_OUTSTANDING) {
                    phase.notSent++;
                    phase.statuses.computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
                    phase.sent++;
                    continue;
                }
                CompletableFuture<KeepAliveClient.Answer> answer;
                String child = null;
                boolean registering = false;
                if (mix == Mix.HEALTH) {
                    answer = load.get("/actuator/health", null);
                } else if (mix == Mix.RECORDING || (i % 2 == 1 && (child = registered.poll()) != null)) {
                    if (mix == Mix.RECORDING) {
                        child = warmChildren.get(i % warmChildren.size());
                    }
                    String offence = "o" + offenceIds.incrementAndGet();
                    // An offence and its out-of-court outcome in one request, as a practitioner records a
                    // caution: two events.
                    answer = load.post("/api/cases/" + child + "/offences", practitioner, """
                            {"offenceId":"%s","offenceDate":"2024-06-01","offenceCategory":"THEFT_AND_HANDLING",\
                            "gravityScore":2,"admitted":true,"outcome":{"code":"%s","date":"2024-06-20"}}"""
                            .formatted(offence, i % 4 == 1 ? "YOUTH_CAUTION" : "COMMUNITY_RESOLUTION"));
                } else {
                    child = "b-" + name + "-" + UUID.randomUUID();
                    registering = true;
                    answer = load.post("/api/cases", practitioner, """
                            {"childId":"%s","youthJusticeService":"leicester-city","dateOfBirth":"%s","sex":"FEMALE",\
                            "ethnicity":"WHITE_BRITISH","localAuthority":"Leicester"}""".formatted(child, BORN));
                }
                String childId = child;
                boolean registration = registering;
                phase.outstanding.incrementAndGet();
                inFlight.add(answer.thenAccept(response -> {
                    long now = System.nanoTime();
                    phase.outstanding.decrementAndGet();
                    phase.latencies.add(now - due);
                    synchronized (phase) {
                        phase.lastCompleted = Math.max(phase.lastCompleted, now);
                    }
                    int status = response.status();
                    if (status / 100 == 2) {
                        phase.okCount.incrementAndGet();
                        if (registration) {
                            registered.add(childId);
                            phase.registered.add(childId);
                        }
                    } else {
                        phase.errorCount.incrementAndGet();
                        phase.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                }));
                phase.sent++;
            }
            try {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
            } catch (Exception e) {
                say(name + ": some requests were still unanswered 40 s after the last was sent");
            }
        }
        phase.ok = phase.okCount.get();
        phase.errors = phase.sent - phase.ok;
        return phase;
    }

    private static String errors(Phase phase) {
        if (phase.statuses.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (");
        phase.statuses.forEach((status, n) -> s.append(status == -1 ? "timeout/io"
                        : status == 0 ? "not sent, " + MAX_OUTSTANDING + " outstanding" : "HTTP " + status).append(": ")
                .append(n.get()).append(", "));
        return s.substring(0, s.length() - 2) + ")";
    }

    // ---------------------------------------------------------------- import

    /** At most this many events are generated and imported at a time: a larger history is imported in slices. */
    private static final int EVENTS_PER_SLICE = 100_000;

    /**
     * Imports a generated history of about {@code importEvents} events: slices of up to 100,000 events (each its
     * own seed and id prefix, so the launcher never holds more than one in memory), one import job each, one
     * after another; then the first slice again, to time a re-run that records nothing.
     */
    private List<String> importFigures(String jit) throws Exception {
        http = newClient();
        String run = UUID.randomUUID().toString().substring(0, 4);
        int slices = Math.max(1, (importEvents + EVENTS_PER_SLICE - 1) / EVENTS_PER_SLICE);
        long rows = 0;
        int children = 0;
        int imported = 0;
        int rejected = 0;
        double seconds = 0;
        String state = "COMPLETED";
        String rejections = null;
        Path firstSlice = null;
        String firstSource = null;
        historyEvents = 0;
        long eventsBefore = storedEvents();
        CpuUse cpuBefore = CpuUse.now(dataDir.toString());
        // panel-service's part of each slice, loaded through its API once the case rows are in (PanelLoader).
        List<org.openyjs.local.generator.PanelCase.Meeting> panelMeetings = new ArrayList<>();
        List<org.openyjs.local.generator.PanelCase> panelCases = new ArrayList<>();
        try {
            for (int slice = 0; slice < slices; slice++) {
                int sliceEvents = Math.min(EVENTS_PER_SLICE, importEvents - slice * EVENTS_PER_SLICE);
                // About 8.7 case events per generated child: enough children for the events asked for.
                int sliceChildren = Math.max(1, (int) Math.round(sliceEvents / 8.7));
                // The first slice leaves --panel-cases outcomes to the panel part (their decisions flow back to the case).
                Caseload history = CaseloadGenerator.generate(new CaseloadGenerator.Settings(sliceChildren, 3, slice + 1,
                        CaseloadGenerator.DEFAULT_LAST_DAY, "bench" + run + "s" + slice, slice == 0 ? panelCasesCap : 0));
                Path file = Files.createTempFile("yjs-bench-import-", ".ndjson");
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    rows += JsonLines.write(history, out);
                }
                children += sliceChildren;
                historyEvents += history.rows().mapToLong(r -> RowRequests.events(r).size()).sum();
                if (slice == 0) {
                    // The panel's part goes through panel-service's API at some 30 cases/s: the first slice's
                    // meetings and at most --panel-cases of its decisions, enough for the panel rebuild figures.
                    panelMeetings.addAll(history.panelMeetings());
                    history.panelCases().filter(org.openyjs.local.generator.PanelCase::decided).limit(panelCasesCap)
                            .forEach(panelCases::add);
                }
                String source = "bench-" + run + "-" + slice;
                if (slices > 1) {
                    say("Importing slice " + (slice + 1) + " of " + slices + " (" + sliceChildren + " children)");
                }
                JsonNode job = runImport(file, source);
                seconds += job.get("seconds").asDouble();
                imported += job.get("imported").asInt();
                rejected += job.get("rejected").asInt();
                if (!"COMPLETED".equals(job.get("state").asText())) {
                    state = job.get("state").asText();
                }
                if (rejections == null && job.get("rejected").asInt() > 0) {
                    rejections = job.get("rejections").toString();
                }
                if (slice == 0) {
                    firstSlice = file;
                    firstSource = source;
                } else {
                    Files.deleteIfExists(file);
                }
            }
            CpuUse cpuAfter = CpuUse.now(dataDir.toString());
            long events = storedEvents() - eventsBefore;
            List<String> lines = new ArrayList<>();
            String generated = "generated history: " + children + " children over 3 years (" + slices + " slice(s), seeds 1.."
                    + slices + "), " + rows + " rows, " + historyEvents + " case events";
            lines.add(line("import.rate", imported / seconds, "rows/s", generated + "; imported=" + imported
                    + " rejected=" + rejected + " state=" + state + " in " + fmt(seconds) + "s, 4 workers, batches of 100, "
                    + "via-gateway jit=" + jit));
            lines.add(line("import.recorded", events / seconds, "events/s", events + " rows added to domainevententry during the import"));
            lines.add(line("import.cpu", cpuAfter.totalSince(cpuBefore) * 1000 / Math.max(1, events), "ms/event",
                    "CPU per recorded event during the import (publishing and consumers running alongside), by process: "
                            + cpuAfter.perUnitSince(cpuBefore, events)));
            if (rejections != null) {
                lines.add("# first rejections: " + rejections.substring(0, Math.min(600, rejections.length())));
            }
            lines.add(panelHistory(panelMeetings, panelCases, jit));
            JsonNode again = runImport(firstSlice, firstSource);
            double rerun = again.get("seconds").asDouble();
            lines.add(line("import.rerun", again.get("skipped").asInt() / rerun, "rows/s", "first slice again: imported="
                    + again.get("imported").asInt() + " skipped=" + again.get("skipped").asInt() + " in " + fmt(rerun) + "s"));
            return lines;
        } finally {
            if (firstSlice != null) {
                Files.deleteIfExists(firstSlice);
            }
        }
    }

    /**
     * Freshness under load: probe commands at a fixed rate beside a background load of commands through the
     * gateway; each probe is timed from its 2xx to the KPI drill-down showing its child.
     */
    private List<String> freshnessFigures(String jit) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Thread background = new Thread(() -> {
            try {
                loadPhase("fresh-load", freshnessLoad, seconds, Mix.MIXED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "freshness-background");
        // The probe children are registered first; the background load starts with the probes. kpi-service's
        // staleness histogram is read when they start and after the last is seen: the read side's part of the delay.
        URI kpi = stack.url(Service.KPI);
        ScrapedHistogram[] before = new ScrapedHistogram[1];
        ReadSideFigures.Freshness f = readSide.freshness(freshnessProbes, seconds, 100, run, () -> {
            try {
                before[0] = ScrapedHistogram.scrape(http, kpi, STALENESS);
            } catch (Exception e) {
                throw new IllegalStateException("Reading kpi-service's staleness histogram: " + e.getMessage(), e);
            }
            background.start();
        });
        background.join();
        ScrapedHistogram applied = ScrapedHistogram.scrape(http, kpi, STALENESS).since(before[0]);
        String conditions = f.acknowledged() + "/" + f.probes() + " probes acknowledged, unseen=" + f.unseen()
                + "; probes at " + freshnessProbes + "/s (first youth caution: 2 events each) among " + freshnessLoad
                + " commands/s (1.5 events each: registrations, offences with outcomes) for " + seconds + "s: about " + (2 * freshnessProbes + freshnessLoad * 3 / 2)
                + " events/s; from the gateway's 2xx to the child in GET first-time-entrants/children, polled every 100 ms"
                + " (resolution ~100 ms + query time) jit=" + jit;
        String readSide = applied.count() + " events applied by kpi-service in the phase, age at its commit "
                + "(recordedAt in case-service to the poll's commit; the upper bound of the histogram bucket"
                + " holding the percentile); the drill-down reads took p50 " + Latencies.millis(f.polls().percentile(50))
                + " ms, p99 " + Latencies.millis(f.polls().percentile(99)) + " ms (" + f.polls().count() + " reads)";
        return List.of(line("freshness.p50", Latencies.millis(f.latencies().percentile(50)), "ms", conditions),
                line("freshness.p99", Latencies.millis(f.latencies().percentile(99)), "ms", conditions),
                line("freshness.kpi-applied.p50", applied.percentileUpperBoundMillis(50), "ms", readSide),
                line("freshness.kpi-applied.p99", applied.percentileUpperBoundMillis(99), "ms", readSide));
    }

    private List<String> readSideFigures(String jit) throws Exception {
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        long records = readSide.awaitCaughtUp(Duration.ofMinutes(40));
        say("kpi-service caught up with " + records + " records in " + fmt((System.nanoTime() - start) / 1e9) + " s");
        // panel-service turns case events into referrals; left behind, it would still be working through the import
        // during the queries and the rebuild, and they would measure its backlog too.
        long panelStart = System.nanoTime();
        readSide.awaitCaughtUp("panel-service", List.of(LocalInfrastructure.CASE_EVENTS_TOPIC), Duration.ofMinutes(40));
        double panelBehind = (System.nanoTime() - panelStart) / 1e9;
        say("panel-service caught up with the case events in " + fmt(panelBehind) + " s");
        lines.add(line("import.panel-caught-up", panelBehind, "s", "how long after kpi-service had caught up "
                + "panel-service's case-event listener was still working through the history (0: it kept up)"));
        long stored = storedEvents();
        String history = records + " records on the topics (case-service event store: " + stored + " events, of them "
                + historyEvents + " from the imported generated history)";
        Latencies queries = readSide.kpiQueries(kpiQueries);
        String conditions = kpiQueries + " GET /api/kpi/{measure} via the gateway, closed loop, 1 client, "
                + readSide.queryableFigures + " figures (" + readSide.measureCount() + " measures x 2 services x FY2022-23.."
                + "FY2024-25, where the rule covers the year) in turn; history " + history;
        lines.add(line("kpi.query.p50", Latencies.millis(queries.percentile(50)), "ms", conditions));
        lines.add(line("kpi.query.p99", Latencies.millis(queries.percentile(99)), "ms", conditions));
        lines.add("# slowest figure per measure (ms), slowest first: " + readSide.slowestByMeasure.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .map(e -> e.getKey() + " " + Latencies.millis(e.getValue())).collect(Collectors.joining(", ")));

        ReadSideFigures.Consumption raw = readSide.rawConsumption();
        lines.add(line("baseline.kafka-consume", raw.records() / raw.seconds(), "records/s", raw.records() + " records ("
                + raw.bytes() / 1024 / 1024 + " MiB) of both topics from offset 0, plain KafkaConsumer in the launcher JVM, "
                + "byte arrays, no processing, same broker, in " + fmt(raw.seconds()) + "s"));
        // Every read model at once, as an operator rebuilding everything would: kpi-service's rebuild (its own
        // thread) and panel-service's read models (panel-service's Axon processor), started together.
        PanelRebuildFigures panel = new PanelRebuildFigures(new GatewayClient(gateway));
        FutureTask<ReadSideFigures.Rebuild> kpiRebuild = new FutureTask<>(() -> readSide.rebuild(Duration.ofMinutes(20)));
        Thread kpiThread = new Thread(kpiRebuild, "bench-kpi-rebuild");
        kpiThread.setDaemon(true);
        Instant began = Instant.now();
        CpuUse cpuBefore = CpuUse.now(dataDir.toString());
        kpiThread.start();
        PanelRebuildFigures.Rebuild ours = panel.rebuild(Duration.ofMinutes(30));
        ReadSideFigures.Rebuild rebuild;
        try {
            rebuild = kpiRebuild.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        CpuUse cpuAfter = CpuUse.now(dataDir.toString());
        double all = Duration.between(began, rebuild.finishedAt().isAfter(ours.finishedAt()) ? rebuild.finishedAt()
                : ours.finishedAt()).toNanos() / 1e9;
        lines.add(line("kpi.rebuild.rate", rebuild.records() / rebuild.seconds(), "events/s", rebuild.records()
                + " records replayed into every read model in " + fmt(rebuild.seconds()) + "s (POST /api/kpi/rebuild, "
                + "startedAt to finishedAt as kpi-service reports them), at the same time as panel-service's read-model "
                + "rebuild (rebuild.all.seconds); baseline: baseline.kafka-consume; CPU ms per kpi record over both "
                + "rebuilds, by process: " + cpuAfter.perUnitSince(cpuBefore, rebuild.records())));

        // Then panel-service's read models on Axon's default processor settings, alone.
        PanelRebuildFigures.Rebuild axonDefaults = panel.baseline(stack, Duration.ofMinutes(60));
        lines.addAll(PanelRebuildFigures.lines(ours, "at the same time as kpi-service's rebuild (rebuild.all.seconds)",
                axonDefaults, "jit=" + jit));
        lines.add(line("rebuild.all.seconds", all, "s", "every read model from the whole history, both rebuilds "
                + "started together (as an operator rebuilding everything would): kpi-service's " + rebuild.records()
                + " records (" + fmt(rebuild.seconds()) + "s) and panel-service's " + ours.events() + " events ("
                + fmt(ours.seconds()) + "s) at the same time, from the first POST to the later finishedAt; "
                + "with panel-service on Axon's defaults (measured alone after it): "
                + fmt(rebuild.seconds() + axonDefaults.seconds()) + "s one after the other; jit=" + jit));
        return lines;
    }

    /** The generated history's panel meetings and decisions through panel-service's API, 4 cases at a time. */
    private String panelHistory(List<org.openyjs.local.generator.PanelCase.Meeting> meetings,
                                List<org.openyjs.local.generator.PanelCase> cases, String jit) throws Exception {
        say("Panel history: " + meetings.size() + " meetings, " + cases.size() + " decisions through panel-service's API");
        org.openyjs.local.demo.PanelLoader.Result panel = new org.openyjs.local.demo.PanelLoader(new GatewayClient(gateway),
                Benchmark::say, Duration.ofMinutes(10), 4).load(meetings, cases, token("panel-chair"));
        return line("import.panel", panel.decided() / panel.seconds(), "cases/s", panel.meetings() + " meetings (schedule,"
                + " attendance) then " + panel.decided() + " cases listed and decided (" + panel.refused() + " refused"
                + (panel.firstRefusal() == null ? "" : ", first: " + panel.firstRefusal()) + ") in " + fmt(panel.seconds())
                + "s, REST via-gateway, 4 at a time, after the import jit=" + jit);
    }

    /** Posts the file, polls until the job is done; the job's view plus "seconds" from the POST to done. */
    private JsonNode runImport(Path file, String source) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(
                        gateway.resolve("/api/cases/imports?source=" + URLEncoder.encode(source, StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("Import not started: HTTP " + started.statusCode() + " " + started.body());
        }
        String jobId = JSON.readTree(started.body()).get("jobId").asText();
        int failedPolls = 0;
        while (true) {
            Thread.sleep(250);
            HttpResponse<String> progress = http.send(HttpRequest.newBuilder(gateway.resolve("/api/cases/imports/" + jobId))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (progress.statusCode() != 200) {
                // A poll answered with an error is said and retried for a minute; the job itself goes on.
                say("Import " + jobId + " progress: HTTP " + progress.statusCode() + " " + progress.body());
                if (++failedPolls > 240) {
                    throw new IllegalStateException("Import " + jobId + " progress: HTTP " + progress.statusCode()
                            + " for a minute");
                }
                continue;
            }
            failedPolls = 0;
            JsonNode job = JSON.readTree(progress.body());
            if (!"RUNNING".equals(job.path("state").asText())) {
                double seconds = (System.nanoTime() - start) / 1e9;
                ((com.fasterxml.jackson.databind.node.ObjectNode) job).put("seconds", seconds);
                return job;
            }
        }
    }

    // ---------------------------------------------------------------- the append ceiling

    private String appendCeiling() throws SQLException {
        int rows = Math.max(importEvents, 10_000);
        String url = infrastructure.jdbcUrl("case_service");
        url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        byte[] payload = ("{\"childId\":\"x\",\"offenceId\":\"o1\",\"offenceDate\":\"2023-03-01\","
                + "\"offenceCategory\":\"THEFT_AND_HANDLING\",\"gravityScore\":2,\"admitted\":true}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] metadata = "{\"recordedBy\":\"admin\",\"youthJusticeService\":\"leicester-city\"}".getBytes(StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(url, infrastructure.postgresUser(), "postgres")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_append");
                s.execute("CREATE TABLE bench_append (LIKE domainevententry INCLUDING ALL)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO bench_append (eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp,
                                              aggregateidentifier, sequencenumber, type)
                    VALUES (?, ?, ?, NULL, 'org.openyjs.cases.api.CaseEvents$OffenceRecorded', ?, ?, ?, 'ChildCase')""")) {
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setBytes(2, metadata);
                    insert.setBytes(3, payload);
                    insert.setString(4, java.time.Instant.now().toString());
                    insert.setString(5, "child-" + (i / 10));
                    insert.setLong(6, i % 10);
                    insert.addBatch();
                    if ((i + 1) % 500 == 0 || i == rows - 1) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_append");
            }
            c.commit();
            return line("baseline.append-ceiling", rows / seconds, "rows/s", rows + " rows shaped like domainevententry"
                    + " (same indexes), JDBC batches of 500, one commit per batch, reWriteBatchedInserts=true, same PostgreSQL");
        }
    }

    private long storedEvents() {
        try (Connection c = DriverManager.getConnection(infrastructure.jdbcUrl("case_service"),
                infrastructure.postgresUser(), "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM domainevententry")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count events", e);
        }
    }

    // ---------------------------------------------------------------- memory

    /** A stack meant for a 2 GiB machine: {@code memory.stack.total} (PSS) is judged against it. */
    static final double STACK_MEMORY_BUDGET_MIB = 2048;

    /**
     * RSS and PSS of each service JVM, of PostgreSQL (summed over its processes: RSS counts the shared buffers
     * in every backend, PSS shares them out) and of this launcher, then the whole stack's PSS against the budget.
     */
    private List<String> memory() {
        List<String> lines = new ArrayList<>();
        ProcessMemory total = ProcessMemory.NONE;
        for (Service service : Service.values()) {
            ProcessMemory m = CpuUse.processOf(service).map(p -> ProcessMemory.of(p.pid())).orElse(null);
            if (m != null) {
                total = total.plus(m);
                lines.add(line("memory.rss." + service.artifact(), m.rssMiB(), "MiB", "after the load; peak "
                        + fmt(m.peakRssMiB()) + " MiB; " + String.join(" ", Stack.jvmOptions(service))));
                lines.add(line("memory.pss." + service.artifact(), m.pssMiB(), "MiB", "after the load (shared pages divided "
                        + "among the processes mapping them)"));
            }
        }
        List<ProcessHandle> postgres = CpuUse.postgresProcesses(dataDir.toString());
        ProcessMemory pg = ProcessMemory.sum(postgres);
        total = total.plus(pg);
        lines.add(line("memory.rss.postgresql", pg.rssMiB(), "MiB", "sum over " + postgres.size()
                + " processes (shared buffers counted in each)"));
        lines.add(line("memory.pss.postgresql", pg.pssMiB(), "MiB", "sum over " + postgres.size()
                + " processes (shared buffers counted once, shared out); " + infrastructure.postgresMemorySettings()));
        ProcessMemory launcher = ProcessMemory.of(ProcessHandle.current().pid());
        total = total.plus(launcher);
        lines.add(line("memory.rss.launcher", launcher.rssMiB(), "MiB",
                "this JVM: Kafka broker + load generator; peak " + fmt(launcher.peakRssMiB()) + " MiB"));
        lines.add(line("memory.pss.launcher", launcher.pssMiB(), "MiB", "this JVM: Kafka broker + load generator"));
        lines.add(line("memory.stack.total", total.pssMiB(), "MiB", "PSS of the 5 service JVMs, PostgreSQL and the launcher"
                + " after the load (RSS summed: " + fmt(total.rssMiB()) + " MiB); condition < "
                + fmt(STACK_MEMORY_BUDGET_MIB) + " MiB: " + (total.pssMiB() < STACK_MEMORY_BUDGET_MIB ? "met" : "NOT met")));
        return lines;
    }

    // ---------------------------------------------------------------- helpers

    /** Through GatewayClient: the one place that knows how the gateway issues tokens. */
    private String token(String user) throws IOException, InterruptedException {
        return new GatewayClient(gateway).token(user, user);
    }

    static String line(String name, double value, String unit, String conditions) {
        return String.format(Locale.ROOT, "%-28s %10s %-9s %s", name, fmt(value), unit, conditions);
    }

    private static void print(List<String> lines) {
        lines.forEach(System.out::println);
        lines.clear();
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name", l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static String memTotal() {
        return firstLine(Path.of("/proc/meminfo"), "MemTotal",
                l -> (Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024) + " GiB RAM");
    }

    private static String firstLine(Path file, String prefix, Function<String, String> value) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().map(value).orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port whose next one is free too (Kafka's controller listens on port + 1). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port < 65535 && Ports.isFree(port + 1)) {
                return port;
            }
        }
        throw new IOException("No two adjacent free ports found for Kafka");
    }

    private static void say(String line) {
        System.out.println("[bench] " + line);
    }
}
