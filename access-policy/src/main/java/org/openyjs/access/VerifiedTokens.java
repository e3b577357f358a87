package org.openyjs.access;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Bearer tokens whose signature and claims were already checked, kept until they expire. A client sends
 * the same token with every request until it expires; checking an RSA signature again each time was
 * the largest single cost of a request (twice: at the gateway and at the service). The key is the
 * whole token text, so only the exact string that was verified is ever accepted from here.
 *
 * <p>Bounded: when full it starts again empty (tokens live minutes; a busy instance re-verifies each
 * user once). A token is never served from here at or after its expiry; one without an expiry is not
 * kept. Revoking a signing key does not end tokens already verified with it before they expire, as
 * with any stateless token.
 */
public final class VerifiedTokens<T> {

    private final int capacity;
    private final Function<T, Instant> expiresAt;
    private final Supplier<Instant> now;
    private final Map<String, T> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(int capacity, Function<T, Instant> expiresAt, Supplier<Instant> now) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.expiresAt = expiresAt;
        this.now = now;
    }

    /** The verified form of the token, if it was verified before and has not expired. */
    public Optional<T> get(String token) {
        T known = verified.get(token);
        if (known == null) {
            return Optional.empty();
        }
        if (!now.get().isBefore(expiresAt.apply(known))) {
            verified.remove(token);
            return Optional.empty();
        }
        return Optional.of(known);
    }

    /** Keeps what verifying the token gave; returns it. */
    public T remember(String token, T verifiedToken) {
        if (expiresAt.apply(verifiedToken) == null) {
            return verifiedToken;
        }
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, verifiedToken);
        return verifiedToken;
    }

    int size() {
        return verified.size();
    }
}
