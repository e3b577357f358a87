package org.openyjs.local.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KeepAliveClientTest {

    private HttpServer server;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // A sized body, a chunked body (length 0 announced) and no body: the client must find the next answer.
        server.createContext("/sized", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(409, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("x".repeat(70_000).getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsEachAnswerWholeSoTheConnectionServesTheNext() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (KeepAliveClient client = new KeepAliveClient(base, 2)) {
            List<CompletableFuture<KeepAliveClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answers.add(switch (i % 3) {
                    case 0 -> client.post("/sized", "t" + i, "{\"n\":" + i + "}");
                    case 1 -> client.get("/chunked", null);
                    default -> client.get("/empty", null);
                });
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(10, TimeUnit.SECONDS).status());
            }
            for (int i = 0; i < 30; i++) {
                assertThat(statuses.get(i)).as("answer " + i).isEqualTo(switch (i % 3) {
                    case 0 -> 201;
                    case 1 -> 409;
                    default -> 204;
                });
            }
            assertThat(seen).hasSize(10).contains("POST Bearer t3 {\"n\":3}");
        }
    }

    @Test
    void aRefusedConnectionIsAnAnswerOfMinusOne() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        try (KeepAliveClient client = new KeepAliveClient(URI.create("http://127.0.0.1:" + port), 1)) {
            assertThat(client.get("/sized", null).get(10, TimeUnit.SECONDS).status()).isEqualTo(-1);
        }
    }
}
