package org.openyjs.cases.childcase;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An Axon cache holding at most {@code capacity} entries by strong reference, the least recently used
 * evicted first. Axon's WeakReferenceCache loses every entry at the next young collection (several a
 * second under load), so a case was almost never found in it.
 *
 * <p>An entry is handed out only while {@code stillCurrent} says so (asked outside the cache's lock); one that
 * is not is dropped and read as a miss.
 *
 * <p>Values are held by soft reference: kept through young collections, given up before the heap runs out,
 * so the cache can never be what exhausts case-service's heap. A value the collector took is read as a miss.
 */
final class BoundedCache implements Cache {

    private final int capacity;
    private final Map<Object, SoftReference<Object>> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final BiPredicate<Object, Object> stillCurrent;

    BoundedCache(int capacity, BiPredicate<Object, Object> stillCurrent) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.stillCurrent = stillCurrent;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, SoftReference<Object>> eldest) {
                if (size() <= BoundedCache.this.capacity) {
                    return false;
                }
                listeners.forEach(l -> l.onEntryExpired(eldest.getKey()));
                return true;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        SoftReference<Object> held;
        synchronized (this) {
            held = entries.get(key);
        }
        Object value = held == null ? null : held.get();
        if (value == null || !stillCurrent.test(key, value)) {
            synchronized (this) {
                // Only the entry judged stale or collected: another thread may have put a newer one meanwhile.
                if (held != null && entries.get(key) == held) {
                    remove(key);
                }
            }
            return null;
        }
        listeners.forEach(l -> l.onEntryRead(key, value));
        return (V) value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        boolean updated = entries.put(key, new SoftReference<>(value)) != null;
        listeners.forEach(l -> {
            if (updated) {
                l.onEntryUpdated(key, value);
            } else {
                l.onEntryCreated(key, value);
            }
        });
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (value(key) != null) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Object present = value(key);
        if (present != null) {
            return (T) present;
        }
        T value = valueSupplier.get();
        if (value == null) {
            throw new IllegalArgumentException("Value may not be null for key " + key);
        }
        put(key, value);
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object present = value(key);
        if (present != null) {
            put(key, update.apply((V) present));
        }
    }

    @Override
    public synchronized boolean remove(Object key) {
        if (entries.remove(key) == null) {
            return false;
        }
        listeners.forEach(l -> l.onEntryRemoved(key));
        return true;
    }

    @Override
    public synchronized void removeAll() {
        List<Object> keys = List.copyOf(entries.keySet());
        entries.clear();
        keys.forEach(key -> listeners.forEach(l -> l.onEntryRemoved(key)));
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return value(key) != null;
    }

    /** The value held for the key; null if none, or if the collector took it. */
    private Object value(Object key) {
        SoftReference<Object> held = entries.get(key);
        return held == null ? null : held.get();
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    synchronized int size() {
        return entries.size();
    }
}
