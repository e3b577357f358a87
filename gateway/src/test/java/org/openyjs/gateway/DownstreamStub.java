package org.openyjs.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for case-, panel- and kpi-service: answers every request with 200 and a JSON echo of
 * the method, path and headers it received, so tests can see exactly what the gateway forwarded.
 */
final class DownstreamStub implements AutoCloseable {

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    private DownstreamStub(HttpServer server) {
        this.server = server;
        server.createContext("/", this::echo);
        server.start();
    }

    static DownstreamStub start() {
        try {
            return new DownstreamStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the downstream stub", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void echo(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            // Lower-case names: the JDK server capitalises them its own way.
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            byte[] response = json.writeValueAsBytes(Map.of(
                    "method", exchange.getRequestMethod(),
                    "path", exchange.getRequestURI().getRawPath(),
                    "headers", headers));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
