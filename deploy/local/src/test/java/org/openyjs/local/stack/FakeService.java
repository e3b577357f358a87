package org.openyjs.local.stack;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for a service jar in {@link StackIT}: answers actuator health, prints the environment the
 * stack gave it, starts a child process (to prove the stack stops descendants too) and says when it
 * is shut down gracefully. With the argument-free main of {@link Failing} it dies at start-up instead.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.forEach((name, value) -> {
            if (name.startsWith("SPRING_") || name.startsWith("KAFKA_") || name.endsWith("_SERVICE_URL") || name.equals("SERVER_PORT")
                    || name.startsWith("YJS_AUTH_")) {
                System.out.println(name + "=" + value);
            }
        });
        Process child = new ProcessBuilder("sleep", "600").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("graceful shutdown")));

        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(env.get("SERVER_PORT"))), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("started, child pid " + child.pid());
    }

    /** A service that cannot start. */
    public static final class Failing {

        private Failing() {
        }

        public static void main(String[] args) {
            System.out.println("cannot connect to the database");
            System.exit(3);
        }
    }
}
