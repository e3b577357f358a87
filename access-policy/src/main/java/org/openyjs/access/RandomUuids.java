package org.openyjs.access;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) and time-ordered (version 7) UUIDs drawn from {@link ThreadLocalRandom} rather than
 * {@link UUID#randomUUID()}, whose shared {@code SecureRandom} costs a lock, a read of /dev/urandom and a SHA-1 round
 * each time. For identifiers that only have to be unique, not unguessable (they grant nothing): Axon's message
 * identifiers (ADRs 0016 and 0020, time-ordered) and the gateway's correlation ids (random). Here because this is the module the gateway and the services both build on.
 */
public final class RandomUuids {

    private RandomUuids() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        return new UUID(high, randomLow(random)).toString();
    }

    /**
     * A version 7 UUID (RFC 9562): the first 48 bits are the Unix time in milliseconds, the other 74 (version and
     * variant aside) random. Identifiers made later sort after, so a B-tree keyed by them (an event store's event
     * identifier, kpi-service's fact rows keyed by event id) takes each new one near its right edge, in pages already
     * cached, instead of in a random leaf of an index larger than the shared buffers.
     */
    public static String timeOrdered() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL); // version 7
        return new UUID(high, randomLow(random)).toString();
    }

    private static long randomLow(ThreadLocalRandom random) {
        return (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    }
}
