package l03a_snapshot_cache;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Right, copy-on-write with no lock at all: put() copies the current map, adds the entry, and
 * swaps the copy in with compareAndSet; if another put got in first, it starts again from the
 * newer map, so no entry is lost. Published maps are never changed, and handed out read-only.
 */
public class SnapshotCache<K, V> {

    private final AtomicReference<Map<K, V>> entries = new AtomicReference<>(Map.of());

    public void put(K key, V value) {
        while (true) {
            var current = entries.get();
            var next = new HashMap<>(current);
            next.put(key, value);
            if (entries.compareAndSet(current, Collections.unmodifiableMap(next))) {
                return;
            }
        }
    }

    public V get(K key) {
        return entries.get().get(key);
    }

    public Map<K, V> snapshot() {
        return entries.get();
    }
}
