package org.openyjs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A bootstrap address for Kafka that refuses connections until {@link #open()}: a service pointed at
 * it starts with Kafka unreachable. Once open it forwards to the real broker; clients then follow the
 * broker's advertised address, as they would after a real outage ends.
 */
public final class LateBootstrap implements AutoCloseable {

    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "late-bootstrap");
        t.setDaemon(true);
        return t;
    });
    private ServerSocket server;

    public LateBootstrap(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0];
        int colon = first.lastIndexOf(':');
        this.targetHost = first.substring(0, colon);
        this.targetPort = Integer.parseInt(first.substring(colon + 1));
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address to configure as the service's bootstrap servers. */
    public String address() {
        return "localhost:" + port;
    }

    /** Kafka becomes reachable through this address from now on. */
    public synchronized void open() throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("localhost", port));
        threads.submit(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(targetHost, targetPort);
                threads.submit(() -> pipe(client, broker));
                threads.submit(() -> pipe(broker, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed: the other follows below
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
        }
        threads.shutdownNow();
    }
}
