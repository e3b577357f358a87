package org.openyjs.local.faults;

import org.openyjs.local.demo.GatewayClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Demo users' tokens from the gateway, kept until the gateway stops accepting them: its local issuer
 * signs with a key made at start-up, so a restarted gateway answers 401 to the old ones.
 */
final class Tokens {

    private final GatewayClient gateway;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Tokens(GatewayClient gateway) {
        this.gateway = gateway;
    }

    String of(String user) {
        return tokens.computeIfAbsent(user, this::fetch);
    }

    /** Forgets the user's token if it is still the one given, so the next {@link #of} gets a new one. */
    void renew(String user, String stale) {
        tokens.remove(user, stale);
    }

    /** Forgets every token: after the gateway restarts, none of them is accepted any more. */
    void forgetAll() {
        tokens.clear();
    }

    private String fetch(String user) {
        try {
            return gateway.token(user, user);
        } catch (Exception e) {
            throw new IllegalStateException("No token for " + user, e);
        }
    }
}
