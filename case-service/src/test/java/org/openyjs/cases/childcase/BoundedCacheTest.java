package org.openyjs.cases.childcase;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTest {

    @Test
    void the_least_recently_used_entry_goes_first_once_full() {
        List<Object> expired = new ArrayList<>();
        BoundedCache cache = new BoundedCache(2, (key, value) -> true);
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1); // a is now the most recently used
        cache.put("c", 3);

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(expired).containsExactly("b");
    }

    @Test
    void an_entry_no_longer_current_is_dropped_and_read_as_a_miss() {
        Set<Object> stale = new HashSet<>();
        List<Object> removed = new ArrayList<>();
        BoundedCache cache = new BoundedCache(10, (key, value) -> !stale.contains(key));
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryRemoved(Object key) {
                removed.add(key);
            }
        });
        cache.put("child-1", "state at version 3");
        cache.put("child-2", "state at version 5");
        stale.add("child-1");

        assertThat((Object) cache.get("child-1")).isNull();
        assertThat(cache.containsKey("child-1")).isFalse();
        assertThat(removed).containsExactly("child-1");
        assertThat((String) cache.get("child-2")).isEqualTo("state at version 5");
    }

    @Test
    void compute_put_if_absent_and_remove_behave_as_axon_expects() {
        BoundedCache cache = new BoundedCache(10, (key, value) -> true);
        assertThat(cache.putIfAbsent("k", "first")).isTrue();
        assertThat(cache.putIfAbsent("k", "second")).isFalse();
        assertThat((String) cache.computeIfAbsent("k", () -> "third")).isEqualTo("first");
        cache.<String>computeIfPresent("k", v -> v + "+");
        assertThat((String) cache.get("k")).isEqualTo("first+");
        cache.<String>computeIfPresent("missing", v -> "never");
        assertThat(cache.containsKey("missing")).isFalse();

        assertThat(cache.remove("k")).isTrue();
        assertThat(cache.remove("k")).isFalse();
        cache.put("x", 1);
        cache.removeAll();
        assertThat(cache.size()).isZero();
    }
}
