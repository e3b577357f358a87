package org.openyjs.support.publishing;

import org.openyjs.events.IntegrationPayload;

import java.util.Optional;

/**
 * Decides which of a service's domain events leave it, and in which contract shape. An event the
 * mapper does not map stays inside the service: this is the allow-list that keeps personal data off Kafka.
 */
@FunctionalInterface
public interface IntegrationEventMapper {

    Optional<IntegrationPayload> toIntegrationPayload(Object domainEvent);
}
