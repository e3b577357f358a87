package org.openyjs.cases.childcase;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps recently used cases in memory, so a command on a case handled a moment ago does not replay all of the
 * child's events again (a practitioner records several facts in a row; an import applies a child's rows one
 * after another). Weak references: the collector takes entries back whenever it needs the room.
 *
 * <p>Safe with several replicas: a case cached here and changed meanwhile by another replica fails its append
 * on the event store's unique (aggregate, sequence number), the unit of work rolls back and Axon drops the entry
 * (CachingEventSourcingRepository), so a stale state can refuse or conflict once but never be written.
 */
@Configuration
class ChildCaseCache {

    static final String NAME = "childCaseAggregateCache";

    @Bean(NAME)
    Cache childCaseAggregateCache() {
        return new WeakReferenceCache();
    }
}
