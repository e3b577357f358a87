package org.openyjs.gateway;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openyjs.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens on the wire of one kept-alive connection, byte for byte (a raw socket, no HTTP client that might
 * retry, pool or hide a reset): the questions the fuzzer's unanswered requests raised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayConnectionTest {

    /** Answers every request after a pause, so the gateway's proxied response completes on another thread, later. */
    private static final HttpServer SLOW_SERVICE = slowService();

    @DynamicPropertySource
    static void routeToSlowService(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + SLOW_SERVICE.getAddress().getPort();
        registry.add("CASE_SERVICE_URL", () -> url);
        registry.add("PANEL_SERVICE_URL", () -> url);
        registry.add("KPI_SERVICE_URL", () -> url);
        TestTokens.register(registry);
        registry.add("yjs.auth.token-relay.token-uri", TestTokens::tokenUri);
    }

    @AfterAll
    static void stopSlowService() {
        SLOW_SERVICE.stop(0);
    }

    @LocalServerPort
    int port;

    /**
     * The fuzzer's unanswered requests: a client that sends its next request on the same connection before the
     * gateway has finished with the previous one (here: while a proxied answer is still on its way) had that request
     * queued, and once the queue drained the gateway never read the connection again; the request after it sat unread
     * until the client gave up. Found with reactor-netty's debug log ("Buffering keep-alive request, previous ops not
     * yet terminated"), reactor/reactor-netty#4347.
     */
    @Test
    void aKeptAliveConnectionIsStillReadAfterARequestArrivedBeforeThePreviousAnswerWasDone() throws Exception {
        String token = TestTokens.token("analyst", "ANALYST");
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                out.write(get("/api/kpi/measures", token));
                out.flush();
                Thread.sleep(100); // the gateway has read the first request and waits for the service
                out.write(get("/api/kpi/measures", null)); // answered at once when its turn comes: 401
                out.flush();

                assertThat(readResponse(socket).status()).as("the proxied answer").isEqualTo(200);
                assertThat(readResponse(socket).status()).as("the request sent while it was on its way").isEqualTo(401);
                out.write(get("/actuator/health", null));
                out.flush();
                assertThat(readResponse(socket).status()).as("the next request on the connection, attempt %d", attempt)
                        .isEqualTo(200);
            }
        }
    }

    /**
     * A declared body over the sign-in form's limit and too large to drain is refused at once: the 413 and
     * {@code Connection: close} come before a byte of the body is sent, and then the gateway closes. A client that
     * is still sending when that happens may see a reset instead of the 413; one that reads first always sees it.
     */
    @Test
    void aDeclaredBodyTooLargeToDrainIsRefusedBeforeItIsSentAndTheConnectionClosed() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + ((1 << 20) + 24) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            Response response = readResponse(socket);
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(response.body()).contains("Request too large");
            assertThat(socket.getInputStream().read()).as("the gateway closed the connection").isEqualTo(-1);
        }
    }

    /**
     * A client still sending a body too large to drain when the 413 comes (as the JDK's client does: it reads the
     * answer once the body is sent) can finish and then read it: the gateway shuts its side and reads and drops the
     * rest, instead of closing at once and answering the unread bytes with a reset, which fails the client's sending
     * before it has looked at the 413 (the flaky {@code anOversizedLoginIsRefusedNotAServerError}).
     */
    @Test
    void aClientStillSendingABodyTooLargeToDrainGetsThe413NotAReset() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] form = ("username=admin&password=" + "x".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII);
            out.write(("POST /auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + form.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitAnswer(socket);
            out.write(form);
            out.flush();

            Response response = readResponse(socket);
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.headers()).containsEntry("connection", "close");
        }
    }

    /** The same for headers too large to parse (the fuzzer's 20,000-character token): 431, not a reset. */
    @Test
    void headersTooLargeGet431NotAResetWhileTheBodyIsStillComing() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] body = "{}".repeat(128 * 1024).getBytes(StandardCharsets.US_ASCII);
            out.write(("POST /api/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + "A".repeat(20_000) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitAnswer(socket);
            out.write(body);
            out.flush();

            assertThat(readResponse(socket).status()).isEqualTo(431);
        }
    }

    /** An oversized sign-in form small enough to drain is read to its end first: the 413 arrives, the connection stays. */
    @Test
    void anOversizedSignInFormThatCanBeDrainedGets413AndTheConnectionStaysUsable() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] form = ("username=admin&password=" + "x".repeat(200_000)).getBytes(StandardCharsets.US_ASCII);
            out.write(("POST /auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + form.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(form);
            out.flush();

            Response refused = readResponse(socket);
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.headers()).doesNotContainEntry("connection", "close");
            out.write(get("/actuator/health", null));
            out.flush();
            assertThat(readResponse(socket).status()).isEqualTo(200);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        // An unanswered request fails the test instead of hanging it.
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Until the answer's first bytes are here, unread: the gateway has answered (and, if it will, closed). */
    private static void awaitAnswer(Socket socket) throws Exception {
        for (int waited = 0; socket.getInputStream().available() == 0; waited += 10) {
            assertThat(waited).as("ms waited for an answer").isLessThan(socket.getSoTimeout());
            Thread.sleep(10);
        }
        Thread.sleep(100); // and whatever it does once the answer is written
    }

    private static byte[] get(String path, String token) {
        return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    record Response(int status, Map<String, String> headers, String body) {
    }

    /** One response with a Content-Length or chunked body; a read timeout means it never came. */
    private static Response readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine;
        try {
            statusLine = line(in);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + socket.getSoTimeout() + " ms", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        }
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static HttpServer slowService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    Thread.sleep(300);
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the slow service", e);
        }
    }
}
