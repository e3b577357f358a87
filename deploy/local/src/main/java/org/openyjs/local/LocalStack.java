package org.openyjs.local;

import org.openyjs.local.demo.DemoData;
import org.openyjs.local.infra.LocalInfrastructure;
import org.openyjs.local.stack.Service;
import org.openyjs.local.stack.Stack;
import org.openyjs.local.stack.StackConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole platform on one machine: PostgreSQL, Kafka, then the four services, until Ctrl-C.
 * Usage: {@code java -jar deploy/local/target/local-stack.jar [--demo]}.
 */
public final class LocalStack {

    private static final String USAGE = "Usage: java -jar deploy/local/target/local-stack.jar [--demo]\n"
            + "  --demo  load demo data through the gateway once the stack is up";

    private final LocalSettings settings;
    private final LocalInfrastructure infrastructure;
    private volatile Stack stack;
    private volatile boolean stopping;
    // Held while this launcher runs; the operating system releases it however the JVM ends.
    private FileLock dataDirLock;

    private LocalStack(LocalSettings settings) {
        this.settings = settings;
        this.infrastructure = new LocalInfrastructure(settings.infrastructure(), LocalStack::say);
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        if (!arguments.stream().allMatch("--demo"::equals)) {
            System.err.println(USAGE);
            System.exit(2);
        }
        try {
            LocalSettings settings = LocalSettings.fromEnvironment(System.getenv());
            Files.createDirectories(settings.logDir());
            // Kafka and zonky log through SLF4J: keep that in a file and the terminal for this launcher's own lines.
            System.setProperty("org.slf4j.simpleLogger.logFile", settings.logDir().resolve("launcher.log").toString());
            new LocalStack(settings).run(arguments.contains("--demo"));
        } catch (Exception e) {
            System.err.println("Local stack failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run(boolean demo) throws Exception {
        lockDataDir();
        stopLeftovers();
        Ports.requireFree(settings.ports());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-stack-stop"));
        try {
            say("Starting PostgreSQL and Kafka (data in " + settings.dataDir() + ")");
            infrastructure.start();
            stack = new Stack(stackConfig());
            stack.startServices();
        } catch (Exception | Error e) {
            if (stopping) {
                return; // Ctrl-C during start-up: the shutdown hook is stopping what was started
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getMessage() + " (logs in " + settings.logDir() + ")", e);
        }
        if (demo) {
            loadDemoData();
        }
        printBanner();
        String exit = stack.firstExit().get();
        if (!stopping) {
            // A service died on its own: stop the rest rather than leave a half-working stack running.
            System.err.println(exit);
            System.exit(1);
        }
    }

    private StackConfig stackConfig() {
        return StackConfig.builder(settings.repoRoot())
                .stackId(settings.stackId())
                .logDir(settings.logDir())
                .authKeyFile(settings.dataDir().resolve("auth-server").resolve("signing-key.json"))
                .postgres(infrastructure::jdbcUrl, infrastructure.postgresUser(), "postgres")
                .kafka(infrastructure.kafkaBootstrapServers())
                .progress(LocalStack::say)
                .build();
    }

    private void lockDataDir() throws IOException {
        Files.createDirectories(settings.dataDir());
        FileChannel channel = FileChannel.open(settings.dataDir().resolve("stack.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        dataDirLock = channel.tryLock();
        if (dataDirLock == null) {
            channel.close();
            throw new IllegalStateException("Another local stack is already running on " + settings.dataDir()
                    + ". Stop it first (Ctrl-C in its terminal).");
        }
    }

    /** Processes a killed launcher could not stop; safe to end since this launcher now owns the data directory. */
    private void stopLeftovers() throws IOException, InterruptedException {
        List<ProcessHandle> strays = Stack.processesOf(settings.stackId());
        if (!strays.isEmpty()) {
            say("Stopping services left running by an earlier run (pids "
                    + strays.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(", ")) + ")");
            Stack.stop(strays, Duration.ofSeconds(20));
        }
        LocalInfrastructure.stopOrphanedPostgres(settings.infrastructure(), LocalStack::say);
    }

    /** A generated three-year history beside the hand-made demo cases, so every measure has figures to show. */
    private static final int DEMO_HISTORY_CHILDREN = 300;

    private void loadDemoData() {
        say("Loading demo data through the gateway");
        try {
            new DemoData(stack.url(Service.GATEWAY), LocalStack::say).withGeneratedHistory(DEMO_HISTORY_CHILDREN).load();
        } catch (IOException | RuntimeException e) {
            // The stack itself is fine: keep it running so the failure can be looked into.
            System.err.println("Demo data could not be loaded: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        stopping = true;
        Stack running = stack;
        if (running != null) {
            running.close();
        }
        try {
            infrastructure.close();
            say("Stopped. The data stays in " + settings.dataDir());
        } catch (IOException e) {
            System.err.println("Could not stop PostgreSQL cleanly: " + e.getMessage());
        }
    }

    private void printBanner() {
        String gateway = stack.url(Service.GATEWAY).toString();
        StringBuilder banner = new StringBuilder("\nThe local stack is up.\n\n")
                .append(String.format("  %-15s %s   health %s/actuator/health%n", "gateway", gateway, gateway));
        String auth = stack.url(Service.AUTH).toString();
        banner.append(String.format("  %-15s %s   keys %s/oauth2/jwks, health %s/actuator/health%n",
                Service.AUTH.artifact(), auth, auth, auth));
        for (Service service : Service.backEnds()) {
            String url = stack.url(service).toString();
            banner.append(String.format("  %-15s %s/swagger-ui.html   health %s/actuator/health%n",
                    service.artifact(), url, url));
        }
        banner.append(String.format("%n  %-15s localhost:%d, databases %s, user postgres (any password)%n",
                        "PostgreSQL", settings.postgresPort(), String.join(", ", Service.databases())))
                .append(String.format("  %-15s %s%n", "Kafka", infrastructure.kafkaBootstrapServers()))
                .append(String.format("  %-15s %s%n", "Data", settings.dataDir()))
                .append(String.format("  %-15s %s%n", "Logs", settings.logDir()))
                .append("\nGet a token:\n")
                .append("  curl -s -X POST localhost:").append(Service.GATEWAY.defaultPort())
                .append("/auth/token -d username=practitioner -d password=practitioner\n")
                .append("  Demo users (password = user name): practitioner, victim-officer, panel-chair, analyst,\n")
                .append("  qa-lead, admin. Or ask the auth server itself: curl -s -u analyst:analyst\n")
                .append("  -d grant_type=client_credentials ").append(auth).append("/oauth2/token\n")
                .append("\nPress Ctrl-C to stop.");
        System.out.println(banner);
    }

    private static void say(String line) {
        System.out.println("[local-stack] " + line);
    }
}
