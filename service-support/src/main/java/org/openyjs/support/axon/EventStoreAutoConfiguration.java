package org.openyjs.support.axon;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * The write-side services' event store: Axon's, built as Axon's auto-configuration builds it (same bean
 * names, monitor and span factory), with each processor reading on its own notified stream
 * ({@link NotifyingEventStore}). Placed after the JDBC storage engine exists and before Axon would
 * define its own.
 */
@AutoConfiguration(after = JdbcAutoConfiguration.class, before = AxonAutoConfiguration.class)
@ConditionalOnClass(EmbeddedEventStore.class)
@ConditionalOnBean(EventStorageEngine.class)
public class EventStoreAutoConfiguration {

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnMissingBean(EventBus.class)
    public NotifyingEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                          @Value("${yjs.event-store.notify-delay}") Duration notifyDelay,
                                          @Value("${yjs.event-store.idle-poll}") Duration idlePoll) {
        return new NotifyingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), notifyDelay, idlePoll);
    }
}
