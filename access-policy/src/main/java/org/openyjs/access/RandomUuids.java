package org.openyjs.access;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs drawn from {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}, whose shared
 * {@code SecureRandom} costs a lock, a read of /dev/urandom and a SHA-1 round each time. For identifiers that only
 * have to be unique, not unguessable (they grant nothing): Axon's message identifiers (ADR 0016) and the gateway's
 * correlation ids. Here because this is the module the gateway and the services both build on.
 */
public final class RandomUuids {

    private RandomUuids() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
