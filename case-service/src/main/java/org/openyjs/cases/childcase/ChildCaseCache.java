package org.openyjs.cases.childcase;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Field;
import java.util.Objects;

/**
 * Keeps recently used cases in memory, so a command on a case handled before does not replay all of the
 * child's events again (a practitioner records several facts in a row; an import applies a child's rows one
 * after another; the panel's decisions reach cases recorded days earlier). At most
 * {@code yjs.case-cache.size} cases (2,000 in application.yml), held by soft reference,
 * the least recently used dropped first. Weak references were tried first: every young collection emptied
 * them, so a case was read back from the event store on almost every command.
 *
 * <p>Safe with several replicas: a cached case is used only while its version is the event store's last
 * sequence number for the child (one index look-up instead of reading and replaying the events), so a case
 * changed meanwhile by another replica is read again rather than refused as a conflict. One changed between
 * that look-up and the append still fails on the event store's unique (aggregate, sequence number), the unit
 * of work rolls back and Axon drops the entry (CachingEventSourcingRepository): a stale state is never written.
 */
@Configuration
class ChildCaseCache {

    static final String NAME = "childCaseAggregateCache";

    @Bean(NAME)
    Cache childCaseAggregateCache(@Value("${yjs.case-cache.size}") int size, EventStore events) {
        return new BoundedCache(size, (childId, entry) ->
                Objects.equals(version(entry), events.lastSequenceNumberFor((String) childId).orElse(null)));
    }

    /** Axon keeps the cached aggregate's version private; it is what the entry is checked against. */
    private static final Field VERSION;

    static {
        try {
            VERSION = AggregateCacheEntry.class.getDeclaredField("version");
            VERSION.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Long version(Object entry) {
        try {
            return entry instanceof AggregateCacheEntry<?> cached ? (Long) VERSION.get(cached) : null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
