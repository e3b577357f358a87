package org.openyjs.support.axon;

import org.axonframework.common.IdentifierFactory;
import org.openyjs.access.RandomUuids;

/**
 * Axon's message identifiers as time-ordered (version 7) UUIDs drawn from a thread-local random generator (ADR 0016:
 * not {@link java.util.UUID#randomUUID()}, whose shared {@code SecureRandom} was 12% of case-service's import workers'
 * samples; ADR 0020: time-ordered, so the B-trees keyed by event identifiers grow at their right edge). Every command,
 * event and unit-of-work message gets one. An identifier here only has to be unique (the event store refuses a
 * duplicate event identifier), not unguessable: it grants nothing. Found by Axon through {@code META-INF/services}.
 */
public class TimeOrderedIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomUuids.timeOrdered();
    }
}
