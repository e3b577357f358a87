package org.openyjs.local.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The load generator's HTTP/1.1 client: a fixed set of kept-alive connections, each worked by one thread
 * that writes a request and reads its answer. It shares two cores with the stack it measures, so it is
 * kept lean: the JDK's {@code HttpClient} spent about 1 ms of CPU per request here, much of it in its
 * connection pool's bookkeeping; this one writes pre-built bytes and skips the body it reads.
 * Requests beyond the connections wait in a queue; the caller times them from when they were due, so
 * queueing counts in the latency as it would for a real client.
 */
final class KeepAliveClient implements AutoCloseable {

    /** The answer's status code, or -1 when the connection failed. */
    record Answer(int status) {
    }

    private record Pending(byte[] request, CompletableFuture<Answer> answer) {
    }

    private final InetSocketAddress address;
    private final String host;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();

    KeepAliveClient(URI base, int connections) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort());
        this.host = base.getHost() + ":" + base.getPort();
        for (int i = 0; i < connections; i++) {
            Thread worker = new Thread(this::work, "load-connection-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    CompletableFuture<Answer> get(String path, String token) {
        return send("GET", path, token, null);
    }

    CompletableFuture<Answer> post(String path, String token, String json) {
        return send("POST", path, token, json);
    }

    private CompletableFuture<Answer> send(String method, String path, String token, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (json != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        queue.add(new Pending(request, answer));
        return answer;
    }

    private void work() {
        Connection connection = null;
        while (true) {
            Pending next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                break; // closed
            }
            try {
                if (connection == null) {
                    connection = new Connection(address);
                }
                int status = connection.exchange(next.request());
                if (!connection.keepAlive) {
                    connection.close();
                    connection = null;
                }
                next.answer().complete(new Answer(status));
            } catch (IOException | RuntimeException e) {
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                next.answer().complete(new Answer(-1));
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void close() {
        // A worker waiting for work stops at once; one inside an exchange stops at its next wait.
        workers.forEach(Thread::interrupt);
        Pending left;
        while ((left = queue.poll()) != null) {
            left.answer().complete(new Answer(-1));
        }
    }

    /** One socket: writes a request, reads the status, the headers and (skipping it) the body. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder line = new StringBuilder(128);
        boolean keepAlive = true;

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(address, 10_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
        }

        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = readLine();
            // "HTTP/1.1 201 Created"
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            keepAlive = true;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    keepAlive = !value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    readLine();
                }
                // Trailers, up to the empty line.
                while (!readLine().isEmpty()) {
                    // skipped
                }
            } else if (length >= 0) {
                skip(length);
            } else if (status != 204 && status != 304 && status / 100 != 1) {
                // No length: the body runs to the end of the connection.
                while (in.read() >= 0) {
                    // skipped
                }
                keepAlive = false;
            }
            return status;
        }

        private long chunkSize() throws IOException {
            String size = readLine();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed inside a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) c);
            }
            throw new IOException("connection closed");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
