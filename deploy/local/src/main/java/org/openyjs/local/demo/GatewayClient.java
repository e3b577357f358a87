package org.openyjs.local.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The calls the demo data, the benchmark and the tests make through the gateway: get a token, POST JSON
 * with it, GET. The one place that knows how tokens are obtained.
 */
public final class GatewayClient {

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {

        public Response(int status, String body) {
            this(status, body, java.net.http.HttpHeaders.of(java.util.Map.of(), (k, v) -> true));
        }

        public boolean isSuccess() {
            return status / 100 == 2;
        }

        public java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private static final int MAX_ATTEMPTS = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI gateway;

    public GatewayClient(URI gateway) {
        this.gateway = gateway;
    }

    /** A bearer token from the gateway's demo login (POST /auth/token, form-encoded). */
    public String token(String username, String password) throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Response response = send(request("/auth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (!response.isSuccess()) {
            throw new IllegalStateException("Cannot get a token for " + username + ": HTTP " + response.status()
                    + " " + response.body());
        }
        return tokenIn(response.body());
    }

    /** POSTs body as JSON with the token; returns whatever status came back, 2xx or not. */
    public Response post(String token, String path, Object body) throws IOException, InterruptedException {
        return post(token, path, body, java.util.Map.of());
    }

    /** POSTs body as JSON with the token and the given extra headers (Idempotency-Key, If-Match). */
    public Response post(String token, String path, Object body, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** PUTs body as JSON with the token (a meeting's attendance replaces the previous list). */
    public Response put(String token, String path, Object body) throws IOException, InterruptedException {
        return send(request(path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }

    /** GETs the path with the token. */
    public Response get(String token, String path) throws IOException, InterruptedException {
        return send(request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    /**
     * Any request, as given: for sending what a well-behaved client never would (fuzzing). A null token
     * sends no Authorization header; a null content type or body sends none.
     */
    public Response sendRaw(String method, String path, String token, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    /** Sends, waiting and retrying while the gateway's rate limiter answers 429. */
    private Response send(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429 || attempt == MAX_ATTEMPTS) {
                return new Response(response.statusCode(), response.body(), response.headers());
            }
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)).toMillis());
        }
    }

    /** The token as an OAuth2-style {"access_token": ...}, a {"token": ...}, a JSON string or the bare body. */
    private String tokenIn(String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            return body.trim(); // not JSON: the body is the token itself
        }
        JsonNode token = node.isTextual() ? node : node.hasNonNull("access_token") ? node.get("access_token") : node.path("token");
        if (!token.isTextual()) {
            throw new IllegalStateException("No access_token or token in the token response: " + body);
        }
        return token.asText();
    }
}
