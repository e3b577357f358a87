package org.openyjs.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks ports before anything starts, so a second stack fails in a second rather than half-way. */
public final class Ports {

    private Ports() {
    }

    /** True if nothing listens on the port, on any local address. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port a stopped stack left in TIME_WAIT is free to listen on
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws, naming every taken port, if any of the named ports is in use. */
    static void requireFree(Map<String, Integer> ports) {
        String taken = ports.entrySet().stream()
                .filter(e -> !isFree(e.getValue()))
                .map(e -> e.getValue() + " (" + e.getKey() + ")")
                .collect(Collectors.joining(", "));
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Port(s) already in use: " + taken + ". Is another local stack running?"
                    + " Stop it (Ctrl-C in its terminal) or whatever holds the port(s);"
                    + " PostgreSQL and Kafka can move with YJS_PG_PORT and YJS_KAFKA_PORT.");
        }
    }
}
