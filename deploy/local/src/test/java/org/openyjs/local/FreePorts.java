package org.openyjs.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free ports for the processes a test starts. Every port handed out stays bound until {@link #close()}, so no two
 * of one test's ports are the same: a port released at once can come back from the next {@code bind(0)}, and two
 * services given one port meant one of them died starting (a CI run lost StackIT that way).
 */
public final class FreePorts implements AutoCloseable {

    private final List<ServerSocket> held = new ArrayList<>();

    /** A free port, distinct from every other this instance has handed out. */
    public int next() {
        return hold(0).getLocalPort();
    }

    /** A free port whose next port is free too: Kafka's controller listens on the broker's port + 1. */
    public int nextPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = next();
            if (port < 65535 && tryHold(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No two adjacent free ports in 50 attempts");
    }

    /** Releases the ports for the processes to bind. */
    @Override
    public void close() {
        for (ServerSocket socket : held) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a listening socket that never accepted does not fail in practice; nothing to undo.
            }
        }
        held.clear();
    }

    private boolean tryHold(int port) {
        try {
            hold(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private ServerSocket hold(int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true); // the process binds it right after close(), perhaps still in TIME_WAIT
            socket.bind(new InetSocketAddress(port));
            held.add(socket);
            return socket;
        } catch (IOException e) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it never bound
                }
            }
            throw new UncheckedIOException(e);
        }
    }
}
