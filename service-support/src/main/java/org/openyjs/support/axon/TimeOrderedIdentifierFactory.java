package org.openyjs.support.axon;

import org.axonframework.common.IdentifierFactory;
import org.openyjs.access.RandomUuids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Axon's message identifiers as random (version 4) UUIDs drawn from {@link ThreadLocalRandom} rather than
 * {@link UUID#randomUUID()}. Every command, event and unit-of-work message gets one, and randomUUID draws from the
 * shared {@code SecureRandom}: a lock, a read of /dev/urandom and a SHA-1 round each time, 12% of case-service's import
 * workers' samples. An identifier here only has to be unique (the event store refuses a duplicate event identifier),
 * not unguessable: it grants nothing. Found by Axon through {@code META-INF/services}.
 */
public class RandomIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomUuids.next();
    }
}
